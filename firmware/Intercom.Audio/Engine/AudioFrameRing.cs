namespace Intercom.Audio.Engine;

/// <summary>
/// A preallocated single-producer/single-consumer ring of fixed-size frames between the audio thread and the
/// network side. One thread writes, one thread reads; neither takes a lock, allocates, or waits.
/// </summary>
/// <remarks>
/// Each index is written only by its owner and published with a release write, so the other side sees a frame's
/// samples before it sees the index move. When full, <see cref="TryWrite"/> refuses the newest frame (the producer
/// cannot move the consumer's index) and the caller counts the drop. A consumer that wants to wait without the
/// producer signalling anything polls with <see cref="WaitToReadAsync"/>.
/// </remarks>
public sealed class AudioFrameRing
{
    private readonly short[] _samples;
    private long _writeIndex;
    private long _readIndex;

    /// <summary>Creates a ring of <paramref name="capacityFrames"/> frames of <paramref name="frameSamples"/> samples.</summary>
    public AudioFrameRing(int frameSamples, int capacityFrames)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameSamples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityFrames);
        FrameSamples = frameSamples;
        CapacityFrames = capacityFrames;
        _samples = new short[frameSamples * capacityFrames];
    }

    /// <summary>Samples per frame.</summary>
    public int FrameSamples { get; }

    /// <summary>Frames the ring holds at most.</summary>
    public int CapacityFrames { get; }

    /// <summary>Frames waiting to be read (a snapshot; either side may move it right after).</summary>
    public int Count => (int)(Volatile.Read(ref _writeIndex) - Volatile.Read(ref _readIndex));

    /// <summary>Producer: copies one frame in; false when the ring is full.</summary>
    public bool TryWrite(ReadOnlySpan<short> frame)
    {
        if (frame.Length != FrameSamples)
        {
            return false;
        }

        var write = _writeIndex;
        if (write - Volatile.Read(ref _readIndex) >= CapacityFrames)
        {
            return false;
        }

        frame.CopyTo(_samples.AsSpan((int)(write % CapacityFrames) * FrameSamples, FrameSamples));
        Volatile.Write(ref _writeIndex, write + 1);
        return true;
    }

    /// <summary>Consumer: copies the oldest frame out; false when the ring is empty.</summary>
    public bool TryRead(Span<short> frame)
    {
        if (frame.Length != FrameSamples)
        {
            return false;
        }

        var read = _readIndex;
        if (Volatile.Read(ref _writeIndex) == read)
        {
            return false;
        }

        _samples.AsSpan((int)(read % CapacityFrames) * FrameSamples, FrameSamples).CopyTo(frame);
        Volatile.Write(ref _readIndex, read + 1);
        return true;
    }

    /// <summary>Consumer: drops every waiting frame (a new call starts with no stale audio).</summary>
    public void Clear() => Volatile.Write(ref _readIndex, Volatile.Read(ref _writeIndex));

    /// <summary>
    /// Consumer: completes with true as soon as a frame is waiting, polling every <paramref name="pollInterval"/>
    /// on <paramref name="timeProvider"/>; false when <paramref name="cancellationToken"/> fires. The producer does
    /// nothing for it, so the audio thread never touches a lock or a task.
    /// </summary>
    public async ValueTask<bool> WaitToReadAsync(
        TimeProvider timeProvider, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        while (Count == 0)
        {
            try
            {
                await Task.Delay(pollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return true;
    }
}
