using Microsoft.Extensions.Logging;

namespace Intercom.Audio.Engine;

/// <summary>The engine's log lines. None of these is called per frame on the audio thread.</summary>
internal static partial class AudioEngineLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Audio engine starting on {Device}: {SampleRateHz} Hz mono S16, {FrameMilliseconds} ms frames, " +
                  "{BufferPeriods}-period buffer; pipeline: {Pipeline}")]
    public static partial void Starting(
        this ILogger logger, string device, int sampleRateHz, double frameMilliseconds, int bufferPeriods, string pipeline);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information,
        Message = "Audio thread runs SCHED_FIFO at priority {Priority}")]
    public static partial void RealtimeGranted(this ILogger logger, int priority);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning,
        Message = "Audio thread was refused SCHED_FIFO at priority {Priority} (errno {Errno}); carrying on at normal " +
                  "priority. Grant CAP_SYS_NICE or LimitRTPRIO in the systemd unit for glitch-free audio under load")]
    public static partial void RealtimeRefused(this ILogger logger, int priority, int errno);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Audio device open: {Device}")]
    public static partial void DeviceOpened(this ILogger logger, string device);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning,
        Message = "Audio device unavailable ({Failures} failed opens so far, retrying with backoff): {Reason}")]
    public static partial void DeviceOpenFailing(this ILogger logger, long failures, string? reason);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning,
        Message = "Audio device lost, reopening with backoff: {Reason}")]
    public static partial void DeviceLost(this ILogger logger, string? reason);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning,
        Message = "Audio glitches in the last interval: {CaptureOverruns} capture overruns, {PlaybackUnderruns} playback " +
                  "underruns, {LateFrames} late frames")]
    public static partial void Glitches(this ILogger logger, long captureOverruns, long playbackUnderruns, long lateFrames);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Debug,
        Message = "Audio rings in the last interval: {CaptureRingOverflows} microphone frames dropped (network side " +
                  "slow), {PlaybackRingGaps} gaps in the loudspeaker stream")]
    public static partial void RingTrouble(this ILogger logger, long captureRingOverflows, long playbackRingGaps);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Error,
        Message = "Unexpected error in the audio thread (occurrence {Count}); carrying on")]
    public static partial void UnexpectedError(this ILogger logger, Exception exception, long count);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information,
        Message = "Audio engine stopped after {Frames} frames")]
    public static partial void Stopped(this ILogger logger, long frames);
}
