namespace Intercom.Media.Jitter;

/// <summary>Counters and the current state of a <see cref="JitterBuffer"/>.</summary>
public readonly record struct JitterBufferStatistics
{
    /// <summary>Packets accepted into the buffer.</summary>
    public long Packets { get; init; }

    /// <summary>Packets that arrived after their playout time and were dropped.</summary>
    public long LatePackets { get; init; }

    /// <summary>Packets received twice.</summary>
    public long DuplicatePackets { get; init; }

    /// <summary>Packets never received, filled by FEC or concealment.</summary>
    public long LostPackets { get; init; }

    /// <summary>Lost packets rebuilt from the next packet's in-band FEC.</summary>
    public long RecoveredByFec { get; init; }

    /// <summary>Frames of concealment played (lost packets and underruns).</summary>
    public long ConcealedFrames { get; init; }

    /// <summary>Times the buffer ran empty.</summary>
    public long Underruns { get; init; }

    /// <summary>10 ms frames dropped to bring the delay back down to the target.</summary>
    public long DiscardedFrames { get; init; }

    /// <summary>The adaptive target delay.</summary>
    public TimeSpan TargetDelay { get; init; }

    /// <summary>Audio buffered right now.</summary>
    public TimeSpan BufferedDelay { get; init; }
}
