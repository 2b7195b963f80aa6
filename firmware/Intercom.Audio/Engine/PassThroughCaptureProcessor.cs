using Intercom.Audio.Processing;

namespace Intercom.Audio.Engine;

/// <summary>The capture processor when echo cancellation is off: the microphone frame unchanged.</summary>
public sealed class PassThroughCaptureProcessor : ICaptureProcessor
{
    /// <summary>Creates the processor for frames of <paramref name="frameSamples"/> samples.</summary>
    public PassThroughCaptureProcessor(int frameSamples) => FrameSamples = frameSamples;

    /// <inheritdoc />
    public int FrameSamples { get; }

    /// <inheritdoc />
    public void Process(ReadOnlySpan<short> speaker, ReadOnlySpan<short> microphone, Span<short> output) =>
        microphone.CopyTo(output);
}
