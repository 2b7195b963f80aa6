namespace Intercom.Testing;

/// <summary>Measures on blocks of 16-bit samples for the tests' tone and level checks.</summary>
internal static class SignalMeasures
{
    /// <summary>Sum of the squared samples.</summary>
    public static double Energy(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (short sample in samples)
        {
            sum += (double)sample * sample;
        }

        return sum;
    }

    /// <summary>Root mean square of the samples; 0 for an empty block.</summary>
    public static double Rms(ReadOnlySpan<short> samples) => samples.Length == 0 ? 0 : Math.Sqrt(Energy(samples) / samples.Length);

    /// <summary>
    /// The Goertzel algorithm: |X(k)|² of <paramref name="frequencyHz"/> over <paramref name="samples"/>, not
    /// normalised: a full-block sine of amplitude A gives about (A·N/2)².
    /// </summary>
    public static double GoertzelPower(ReadOnlySpan<short> samples, double frequencyHz, int sampleRateHz)
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
