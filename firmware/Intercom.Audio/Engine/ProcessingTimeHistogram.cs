namespace Intercom.Audio.Engine;

/// <summary>
/// Per-frame processing times in 2 µs buckets up to 8 ms (one overflow bucket above), written by the audio thread
/// alone and read by anyone for percentiles. Recording is one increment of a preallocated array.
/// </summary>
internal sealed class ProcessingTimeHistogram
{
    private const int BucketMicroseconds = 2;
    private readonly long[] _counts = new long[4097];

    /// <summary>Audio thread: records one frame's processing time.</summary>
    public void Record(double microseconds)
    {
        var bucket = microseconds <= 0 ? 0 : (int)Math.Min(microseconds / BucketMicroseconds, _counts.Length - 1);
        Volatile.Write(ref _counts[bucket], _counts[bucket] + 1);
    }

    /// <summary>Any thread: the time below which <paramref name="fraction"/> of frames finished (upper bucket edge).</summary>
    public TimeSpan Percentile(double fraction)
    {
        long total = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            total += Volatile.Read(ref _counts[i]);
        }

        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (long)Math.Ceiling(fraction * total);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return TimeSpan.FromMicroseconds((i + 1) * BucketMicroseconds);
            }
        }

        return TimeSpan.FromMicroseconds(_counts.Length * BucketMicroseconds);
    }
}
