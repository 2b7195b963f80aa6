namespace Intercom.Testing;

/// <summary>The Goertzel algorithm: the power of one frequency in a block of samples, for the tests' tone checks.</summary>
internal static class Goertzel
{
    /// <summary>
    /// |X(k)|² of <paramref name="frequencyHz"/> over <paramref name="samples"/>, not normalised: a full-block sine of
    /// amplitude A gives about (A·N/2)².
    /// </summary>
    public static double Power(ReadOnlySpan<short> samples, double frequencyHz, int sampleRateHz)
    {
        double coefficient = 2 * Math.Cos(2 * Math.PI * frequencyHz / sampleRateHz);
        double previous = 0;
        double beforePrevious = 0;
        foreach (short sample in samples)
        {
            double current = sample + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        return (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
    }
}
