namespace Intercom.Audio.Processing;

/// <summary>
/// Processes one frame (10 ms) of microphone audio, given the loudspeaker audio that was sent to the
/// sound card for the same frame period. Runs on the real-time audio thread: implementations allocate,
/// lock and log nothing in <see cref="Process"/>.
/// </summary>
public interface ICaptureProcessor
{
    /// <summary>Samples per frame (10 ms at the processor's rate).</summary>
    int FrameSamples { get; }

    /// <summary>Processes one frame; all three spans hold <see cref="FrameSamples"/> samples.</summary>
    void Process(ReadOnlySpan<short> speaker, ReadOnlySpan<short> microphone, Span<short> output);
}
