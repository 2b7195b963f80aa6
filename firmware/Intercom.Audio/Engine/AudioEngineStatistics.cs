namespace Intercom.Audio.Engine;

/// <summary>A snapshot of the audio thread's counters, taken outside the thread.</summary>
public sealed record AudioEngineStatistics
{
    /// <summary>Frames captured, processed and played.</summary>
    public long FramesProcessed { get; init; }

    /// <summary>Capture overruns (the thread read too late; the card dropped samples) recovered.</summary>
    public long CaptureOverruns { get; init; }

    /// <summary>Playback underruns (the card ran dry) recovered.</summary>
    public long PlaybackUnderruns { get; init; }

    /// <summary>Frames that started more than half a period late, or were skipped to catch up.</summary>
    public long LateFrames { get; init; }

    /// <summary>Processed microphone frames dropped because the network side had not taken the earlier ones.</summary>
    public long CaptureRingOverflows { get; init; }

    /// <summary>Frames where the network side's loudspeaker stream ran dry after it had been flowing.</summary>
    public long PlaybackRingGaps { get; init; }

    /// <summary>Reads that returned less than a frame (the rest was filled with silence).</summary>
    public long ShortReads { get; init; }

    /// <summary>Failed attempts to open the sound card.</summary>
    public long DeviceOpenFailures { get; init; }

    /// <summary>Successful opens, the first one included.</summary>
    public long DeviceOpens { get; init; }

    /// <summary>Times the sound card vanished or failed beyond recovery and was closed for a reopen.</summary>
    public long DeviceLosses { get; init; }

    /// <summary>Exceptions caught in the loop (each is a bug).</summary>
    public long UnexpectedErrors { get; init; }

    /// <summary>True while the sound card is open.</summary>
    public bool IsDeviceOpen { get; init; }

    /// <summary>Why the last open failed or the device was lost; null if it never did.</summary>
    public string? LastDeviceFailure { get; init; }

    /// <summary>0 when SCHED_FIFO was granted, the errno when refused, null when not asked.</summary>
    public int? RealtimeSchedulingError { get; init; }

    /// <summary>Median processing time per frame (capture → processing → rings, no device waits).</summary>
    public TimeSpan ProcessingTimeMedian { get; init; }

    /// <summary>99th percentile processing time per frame.</summary>
    public TimeSpan ProcessingTimeP99 { get; init; }

    /// <summary>How long ago the audio thread last showed it was alive (after a frame or a reopen attempt).</summary>
    public TimeSpan TimeSinceAlive { get; init; }
}
