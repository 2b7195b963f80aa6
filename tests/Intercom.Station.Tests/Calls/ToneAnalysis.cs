namespace Intercom.Station.Tests.Calls;

/// <summary>Test signals and their analysis: sine frames, Goertzel power, the strongest of a few frequencies.</summary>
internal static class ToneAnalysis
{
    public static void Fill(Span<short> frame, double frequencyHz, int sampleRateHz, ref long sampleIndex, double amplitude = 8000)
    {
        for (int i = 0; i < frame.Length; i++)
        {
            frame[i] = (short)(amplitude * Math.Sin(2 * Math.PI * frequencyHz * sampleIndex++ / sampleRateHz));
        }
    }

    /// <summary>Power of one frequency (Goertzel), normalized by the signal's length.</summary>
    public static double Power(ReadOnlySpan<short> samples, double frequencyHz, int sampleRateHz)
        => Intercom.Testing.SignalMeasures.GoertzelPower(samples, frequencyHz, sampleRateHz) / samples.Length;

    /// <summary>How much stronger <paramref name="expectedHz"/> is than the strongest of the others, in dB.</summary>
    public static double DominanceDb(ReadOnlySpan<short> samples, double expectedHz, int sampleRateHz, params double[] othersHz)
    {
        double expected = Power(samples, expectedHz, sampleRateHz);
        double strongestOther = 1e-9;
        foreach (double other in othersHz)
        {
            strongestOther = Math.Max(strongestOther, Power(samples, other, sampleRateHz));
        }

        return 10 * Math.Log10(expected / strongestOther);
    }

    public static double RmsOf(ReadOnlySpan<short> samples) => Intercom.Testing.SignalMeasures.Rms(samples);
}
