namespace Intercom.Audio.Dsp;

/// <summary>One step of a tone cadence: up to two summed sine frequencies (0 = absent) for a duration.</summary>
/// <param name="FirstFrequencyHz">First sine, or 0.</param>
/// <param name="SecondFrequencyHz">Second sine, or 0.</param>
/// <param name="Duration">How long the step lasts.</param>
public readonly record struct ToneSegment(double FirstFrequencyHz, double SecondFrequencyHz, TimeSpan Duration)
{
    /// <summary>A pause.</summary>
    public static ToneSegment Silence(TimeSpan duration) => new(0, 0, duration);

    /// <summary>A single sine.</summary>
    public static ToneSegment Sine(double frequencyHz, TimeSpan duration) => new(frequencyHz, 0, duration);

    /// <summary>True when the step makes no sound.</summary>
    public bool IsSilent => FirstFrequencyHz <= 0 && SecondFrequencyHz <= 0;
}
