namespace Intercom.Audio.Engine;

/// <summary>
/// Counters written only by the audio thread (plain increments published with release writes) and read by any
/// thread. Fields, not properties, so the thread can pass them by reference to <see cref="Increment"/>.
/// </summary>
internal sealed class AudioEngineCounters
{
    public long FramesProcessed;
    public long CaptureOverruns;
    public long PlaybackUnderruns;
    public long LateFrames;
    public long CaptureRingOverflows;
    public long PlaybackRingGaps;
    public long ShortReads;
    public long DeviceOpenFailures;
    public long DeviceOpens;
    public long DeviceLosses;
    public long UnexpectedErrors;
    public long AliveTimestamp;
    public int DeviceOpen;

    public readonly ProcessingTimeHistogram ProcessingTime = new();

    /// <summary>Single-writer increment: no interlocked instruction needed, readers see whole values.</summary>
    public static void Increment(ref long counter) => Volatile.Write(ref counter, counter + 1);

    public static void Add(ref long counter, long amount) => Volatile.Write(ref counter, counter + amount);
}
