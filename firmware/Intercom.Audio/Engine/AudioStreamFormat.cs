namespace Intercom.Audio.Engine;

/// <summary>The engine's stream format: mono S16 at <paramref name="SampleRateHz"/>, one frame per period.</summary>
/// <param name="SampleRateHz">16000 or 48000.</param>
/// <param name="FrameSamples">Samples per 10 ms frame (= period).</param>
/// <param name="BufferPeriods">Periods in the sound card buffer (2–3).</param>
public readonly record struct AudioStreamFormat(int SampleRateHz, int FrameSamples, int BufferPeriods)
{
    /// <summary>The frame duration.</summary>
    public TimeSpan FrameDuration => TimeSpan.FromTicks(TimeSpan.TicksPerSecond * FrameSamples / SampleRateHz);

    /// <summary>The format with 10 ms frames at <paramref name="sampleRateHz"/>.</summary>
    public static AudioStreamFormat TenMilliseconds(int sampleRateHz, int bufferPeriods) =>
        new(sampleRateHz, sampleRateHz / 100, bufferPeriods);
}
