namespace Intercom.Media.Codecs.G722;

/// <summary>
/// ITU-T G.722 encoder, 64 kbit/s (mode 1): 16 kHz PCM in, one byte per two samples out. A transmit QMF splits the
/// signal into two 8 kHz sub-bands, coded with 6-bit (lower) and 2-bit (higher) ADPCM (G.722 §3).
/// </summary>
public sealed class G722Encoder : IAudioEncoder
{
    private readonly int[] qmfHistory = new int[24];
    private readonly G722Band lower = new(32);
    private readonly G722Band higher = new(8);

    /// <inheritdoc />
    public AudioCodec Codec => AudioCodec.G722;

    /// <inheritdoc />
    public int SampleRateHz => 16000;

    /// <inheritdoc />
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        int pairs = pcm.Length / 2;
        if (payload.Length < pairs)
        {
            return -1;
        }

        int[] h = G722Tables.QmfCoefficients;
        for (int n = 0; n < pairs; n++)
        {
            // Transmit QMF (§3.2): two new samples in, one lower and one higher sub-band sample out; the higher
            // band is the odd-tap sum minus the even-tap sum, matching the receive QMF's x = rl +/- rh.
            qmfHistory.AsSpan(2).CopyTo(qmfHistory);
            qmfHistory[22] = pcm[2 * n];
            qmfHistory[23] = pcm[(2 * n) + 1];
            int sumEven = 0, sumOdd = 0;
            for (int i = 0; i < 12; i++)
            {
                sumEven += qmfHistory[2 * i] * h[i];
                sumOdd += qmfHistory[(2 * i) + 1] * h[11 - i];
            }

            int lowerCode = EncodeLower((sumEven + sumOdd) >> 14);
            int higherCode = EncodeHigher((sumOdd - sumEven) >> 14);
            payload[n] = (byte)((higherCode << 6) | lowerCode);
        }

        return pairs;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private int EncodeLower(int sample)
    {
        // SUBTRA and QUANTL (§3.3): find the interval of |el| against the scaled decision levels.
        int el = G722Band.Saturate(sample - lower.Prediction);
        int magnitude = el >= 0 ? el : -(el + 1);
        int interval = 1;
        while (interval < 30 && magnitude >= (G722Tables.Q6[interval] * lower.ScaleFactor) >> 12)
        {
            interval++;
        }

        int code = el < 0 ? G722Tables.Iln[interval] : G722Tables.Ilp[interval];

        // INVQAL with the 4-bit code, then scale factor and predictor adaptation.
        int truncated = code >> 2;
        int difference = (lower.ScaleFactor * G722Tables.Qm4[truncated]) >> 15;
        lower.AdaptScale(G722Tables.Wl[G722Tables.Rl42[truncated]], 18432, 8);
        lower.UpdatePredictor(difference);
        return code;
    }

    private int EncodeHigher(int sample)
    {
        // SUBTRA and QUANTH (§3.4): two intervals per sign.
        int eh = G722Band.Saturate(sample - higher.Prediction);
        int magnitude = eh >= 0 ? eh : -(eh + 1);
        int interval = magnitude >= (564 * higher.ScaleFactor) >> 12 ? 2 : 1;
        int code = eh < 0 ? G722Tables.Ihn[interval] : G722Tables.Ihp[interval];
        int difference = (higher.ScaleFactor * G722Tables.Qm2[code]) >> 15;
        higher.AdaptScale(G722Tables.Wh[G722Tables.Rh2[code]], 22528, 10);
        higher.UpdatePredictor(difference);
        return code;
    }
}
