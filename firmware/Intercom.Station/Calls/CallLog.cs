using Intercom.Media.Dtmf;
using Microsoft.Extensions.Logging;

namespace Intercom.Station.Calls;

/// <summary>Log messages of calls and the media pump (event ids 6500-6599). Never logs keys or DTMF digits.</summary>
internal static partial class CallLog
{
    [LoggerMessage(EventId = 6500, Level = LogLevel.Information, Message = "Call {CallId} ({Direction}, {Peer}) connected after {SetupMilliseconds} ms: {Media}")]
    public static partial void Connected(ILogger logger, string callId, string direction, string peer, long setupMilliseconds, string media);

    [LoggerMessage(EventId = 6501, Level = LogLevel.Warning, Message = "Call {CallId} ({Peer}): media not acceptable: {Reason}")]
    public static partial void NotAcceptable(ILogger logger, string callId, string peer, string reason);

    [LoggerMessage(EventId = 6502, Level = LogLevel.Information, Message = "Call {CallId} ended: {Reason} ({StatusCode}) {Detail}; codec {Codec}, {Srtp}, jitter {JitterMilliseconds:0.0} ms, lost {Lost} of {Expected} packets, {Digits} DTMF digits")]
    public static partial void Ended(ILogger logger, string callId, MediaCallEndReason reason, int statusCode, string detail, string codec, string srtp, double jitterMilliseconds, long lost, long expected, int digits);

    [LoggerMessage(EventId = 6503, Level = LogLevel.Warning, Message = "Call {CallId}: no RTP for {Timeout}; hanging up")]
    public static partial void RtpTimeout(ILogger logger, string callId, TimeSpan timeout);

    [LoggerMessage(EventId = 6504, Level = LogLevel.Information, Message = "Call {CallId}: media renegotiated: {Media}")]
    public static partial void Renegotiated(ILogger logger, string callId, string media);

    [LoggerMessage(EventId = 6505, Level = LogLevel.Information, Message = "Call {CallId}: direction now {Direction}")]
    public static partial void DirectionChanged(ILogger logger, string callId, Intercom.Media.Sdp.MediaDirection direction);

    [LoggerMessage(EventId = 6506, Level = LogLevel.Debug, Message = "Call {CallId}: DTMF digit by {Source} dropped as a copy of the one just received by another transport")]
    public static partial void DuplicateDigit(ILogger logger, string callId, DtmfSource source);

    [LoggerMessage(EventId = 6507, Level = LogLevel.Information, Message = "Call {CallId}: INFO without a DTMF digit ignored: {Reason}")]
    public static partial void InfoIgnored(ILogger logger, string callId, string reason);

    [LoggerMessage(EventId = 6508, Level = LogLevel.Warning, Message = "Call {CallId}: DTMF not sent by {Mode}: {Reason}")]
    public static partial void DigitNotSent(ILogger logger, string callId, DtmfMode mode, string reason);

    [LoggerMessage(EventId = 6509, Level = LogLevel.Error, Message = "Call {CallId}: handling a call event failed; continuing")]
    public static partial void EventFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(EventId = 6510, Level = LogLevel.Warning, Message = "Call {CallId}: media could not start: {Reason}")]
    public static partial void MediaFailed(ILogger logger, string callId, string reason);

    [LoggerMessage(EventId = 6550, Level = LogLevel.Information, Message = "Media pump: audio engine connected to call {CallId} ({FrameSamples} samples per 10 ms frame)")]
    public static partial void PumpAttached(ILogger logger, string callId, int frameSamples);

    [LoggerMessage(EventId = 6551, Level = LogLevel.Information, Message = "Media pump: call {CallId} disconnected after {Frames} frames ({PlaybackDrops} playback frames dropped, largest backlog {Backlog} frames)")]
    public static partial void PumpDetached(ILogger logger, string callId, long frames, long playbackDrops, int backlog);

    [LoggerMessage(EventId = 6552, Level = LogLevel.Warning, Message = "Media pump: call {CallId} not connected: {Reason}")]
    public static partial void PumpRefused(ILogger logger, string callId, string reason);

    [LoggerMessage(EventId = 6553, Level = LogLevel.Error, Message = "Media pump: a frame failed ({Count} failures so far); continuing")]
    public static partial void PumpFailed(ILogger logger, long count, Exception exception);
}
