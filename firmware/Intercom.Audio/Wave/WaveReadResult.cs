namespace Intercom.Audio.Wave;

/// <summary>The outcome of <see cref="WaveFile.Parse"/>: mono samples and their rate, or why the file was refused.</summary>
public sealed class WaveReadResult
{
    private WaveReadResult(short[]? samples, int sampleRateHz, string? error)
    {
        Samples = samples;
        SampleRateHz = sampleRateHz;
        Error = error;
    }

    /// <summary>The first channel's samples; null on failure.</summary>
    public short[]? Samples { get; }

    /// <summary>Samples per second as the header states.</summary>
    public int SampleRateHz { get; }

    /// <summary>Why the file was refused; null on success.</summary>
    public string? Error { get; }

    /// <summary>True when <see cref="Samples"/> is set.</summary>
    public bool Succeeded => Samples is not null;

    internal static WaveReadResult Success(short[] samples, int sampleRateHz) => new(samples, sampleRateHz, null);

    internal static WaveReadResult Failure(string error) => new(null, 0, error);
}
