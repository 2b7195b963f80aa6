using Intercom.Audio.Wave;

namespace Intercom.Audio.Engine;

/// <summary>A simulated loudspeaker recording everything it plays into a WAVE file.</summary>
public sealed class WaveFileSpeaker : ISpeakerSink
{
    private readonly WaveFileWriter _writer;

    /// <summary>Creates (or truncates) the file.</summary>
    public WaveFileSpeaker(string path, int sampleRateHz) => _writer = new WaveFileWriter(path, sampleRateHz);

    /// <summary>Samples written so far.</summary>
    public long SamplesWritten => _writer.SamplesWritten;

    /// <inheritdoc />
    public void Write(ReadOnlySpan<short> frame) => _writer.Write(frame);

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
