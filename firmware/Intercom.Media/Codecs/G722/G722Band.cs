namespace Intercom.Media.Codecs.G722;

/// <summary>
/// State of one G.722 sub-band ADPCM (G.722 §3.6, §6.2): the scale factor and the adaptive pole/zero predictor.
/// Encoder and decoder run the same updates from the same 4-bit (lower) or 2-bit (higher) code, which keeps them
/// in step.
/// </summary>
internal sealed class G722Band
{
    private readonly int[] a = new int[3];
    private readonly int[] ap = new int[3];
    private readonly int[] b = new int[7];
    private readonly int[] bp = new int[7];
    private readonly int[] d = new int[7];
    private readonly int[] p = new int[3];
    private readonly int[] r = new int[3];
    private int sp;
    private int sz;

    public G722Band(int initialScaleFactor) => ScaleFactor = initialScaleFactor;

    /// <summary>Predicted signal estimate s (SL or SH).</summary>
    public int Prediction { get; private set; }

    /// <summary>Quantizer scale factor (DETL or DETH).</summary>
    public int ScaleFactor { get; private set; }

    /// <summary>Logarithmic scale factor (NBL or NBH).</summary>
    public int LogScaleFactor { get; private set; }

    public static int Saturate(int value) => Math.Clamp(value, short.MinValue, short.MaxValue);

    /// <summary>LOGSCL/LOGSCH and SCALEL/SCALEH: adapts the scale factor to the code just sent.</summary>
    public void AdaptScale(int multiplier, int limit, int shiftBase)
    {
        int leaked = (LogScaleFactor * 127) >> 7;
        LogScaleFactor = Math.Clamp(leaked + multiplier, 0, limit);
        int fraction = (LogScaleFactor >> 6) & 31;
        int shift = shiftBase - (LogScaleFactor >> 11);
        int value = shift < 0 ? G722Tables.Ilb[fraction] << -shift : G722Tables.Ilb[fraction] >> shift;
        ScaleFactor = value << 2;
    }

    /// <summary>Block 4 (RECONS, PARREC, UPPOL2, UPPOL1, UPZERO, DELAYA, FILTEP, FILTEZ, PREDIC) for difference <paramref name="difference"/>.</summary>
    public void UpdatePredictor(int difference)
    {
        // RECONS and PARREC
        d[0] = difference;
        r[0] = Saturate(Prediction + difference);
        p[0] = Saturate(sz + difference);

        // UPPOL2: second pole coefficient
        int sg0 = p[0] >> 15, sg1 = p[1] >> 15, sg2 = p[2] >> 15;
        int wd1 = Saturate(a[1] << 2);
        int wd2 = sg0 == sg1 ? -wd1 : wd1;
        wd2 = Math.Min(wd2, 32767);
        int wd3 = (sg0 == sg2 ? 128 : -128) + (wd2 >> 7) + ((a[2] * 32512) >> 15);
        ap[2] = Math.Clamp(wd3, -12288, 12288);

        // UPPOL1: first pole coefficient, limited by the second
        wd1 = sg0 == sg1 ? 192 : -192;
        wd2 = (a[1] * 32640) >> 15;
        int limit = Saturate(15360 - ap[2]);
        ap[1] = Math.Clamp(Saturate(wd1 + wd2), -limit, limit);

        // UPZERO: sixth-order zero predictor, sign-sign adaptation with leakage
        int step = difference == 0 ? 0 : 128;
        int sign = difference >> 15;
        for (int i = 1; i < 7; i++)
        {
            int adjust = (d[i] >> 15) == sign ? step : -step;
            bp[i] = Saturate(adjust + ((b[i] * 32640) >> 15));
        }

        // DELAYA
        for (int i = 6; i > 0; i--)
        {
            d[i] = d[i - 1];
            b[i] = bp[i];
        }

        for (int i = 2; i > 0; i--)
        {
            r[i] = r[i - 1];
            p[i] = p[i - 1];
            a[i] = ap[i];
        }

        // FILTEP: pole section
        wd1 = (a[1] * Saturate(r[1] + r[1])) >> 15;
        wd2 = (a[2] * Saturate(r[2] + r[2])) >> 15;
        sp = Saturate(wd1 + wd2);

        // FILTEZ: zero section
        int sum = 0;
        for (int i = 6; i > 0; i--)
        {
            sum += (b[i] * Saturate(d[i] + d[i])) >> 15;
        }

        sz = Saturate(sum);

        // PREDIC
        Prediction = Saturate(sp + sz);
    }
}
