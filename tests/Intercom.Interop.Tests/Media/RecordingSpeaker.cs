using Intercom.Audio.Engine;

namespace Intercom.Interop.Tests.Media;

/// <summary>A simulated loudspeaker that keeps the last <paramref name="seconds"/> of what the engine played.</summary>
internal sealed class RecordingSpeaker(int sampleRateHz, int seconds) : ISpeakerSink
{
    private readonly short[] _samples = new short[sampleRateHz * seconds];
    private readonly Lock _gate = new();
    private long _written;

    public void Write(ReadOnlySpan<short> frame)
    {
        lock (_gate)
        {
            foreach (short sample in frame)
            {
                _samples[_written++ % _samples.Length] = sample;
            }
        }
    }

    /// <summary>The last <paramref name="count"/> samples played.</summary>
    public short[] Last(int count)
    {
        lock (_gate)
        {
            count = (int)Math.Min(count, Math.Min(_written, _samples.Length));
            var last = new short[count];
            for (int i = 0; i < count; i++)
            {
                last[i] = _samples[(_written - count + i) % _samples.Length];
            }

            return last;
        }
    }

    public void Dispose()
    {
    }
}
