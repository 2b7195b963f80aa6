namespace Intercom.Audio.Engine;

/// <summary>A simulated microphone playing recorded samples (a WAVE file's) in a loop.</summary>
public sealed class WaveFileMicrophone : IMicrophoneSource
{
    private readonly short[] _samples;
    private int _position;

    /// <summary>Creates the source over samples already at the engine's rate.</summary>
    public WaveFileMicrophone(short[] samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        _samples = samples;
    }

    /// <inheritdoc />
    public void Fill(Span<short> frame)
    {
        if (_samples.Length == 0)
        {
            frame.Clear();
            return;
        }

        var written = 0;
        while (written < frame.Length)
        {
            var count = Math.Min(frame.Length - written, _samples.Length - _position);
            _samples.AsSpan(_position, count).CopyTo(frame[written..]);
            written += count;
            _position = (_position + count) % _samples.Length;
        }
    }
}
