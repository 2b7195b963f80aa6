namespace Intercom.Audio.Processing;

/// <summary>Settings of <see cref="EchoCanceller"/>.</summary>
public sealed class EchoCancellerOptions
{
    /// <summary>Sample rate of loudspeaker and microphone; a multiple of 100 Hz so that 10 ms is whole samples.</summary>
    public int SampleRateHz { get; set; } = 16000;

    /// <summary>Largest bulk delay from loudspeaker to microphone the delay estimator searches (sound card buffers plus air).</summary>
    public TimeSpan MaximumEchoDelay { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Echo tail the adaptive filter models after the bulk delay.</summary>
    public TimeSpan EchoTailLength { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Whether the post-filter also reduces stationary background noise.</summary>
    public bool NoiseSuppression { get; set; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the field when a value cannot work.</summary>
    public void Validate()
    {
        if (SampleRateHz < 8000 || SampleRateHz > 96000 || SampleRateHz % 100 != 0)
        {
            throw new ArgumentException($"{nameof(SampleRateHz)} {SampleRateHz}: use 8000 … 96000, a multiple of 100 (e.g. 16000 or 48000).");
        }

        if (MaximumEchoDelay < TimeSpan.Zero || MaximumEchoDelay > TimeSpan.FromSeconds(2))
        {
            throw new ArgumentException($"{nameof(MaximumEchoDelay)} {MaximumEchoDelay.TotalMilliseconds} ms: use 0 … 2000 ms.");
        }

        if (EchoTailLength < TimeSpan.FromMilliseconds(50) || EchoTailLength > TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"{nameof(EchoTailLength)} {EchoTailLength.TotalMilliseconds} ms: use 50 … 1000 ms.");
        }
    }
}
