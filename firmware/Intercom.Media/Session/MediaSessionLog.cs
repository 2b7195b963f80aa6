using Microsoft.Extensions.Logging;

namespace Intercom.Media.Session;

/// <summary>Log messages of the media session (event ids 4000-4099). Never logs keys.</summary>
internal static partial class MediaSessionLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Media pipeline: {Summary}; encoder {Encoder} at {EncoderRateHz} Hz, decoder {DecoderRateHz} Hz, engine {EngineRateHz} Hz, local port {LocalPort}; Opus: {OpusLibrary}")]
    public static partial void Started(ILogger logger, string summary, string encoder, int encoderRateHz, int decoderRateHz, int engineRateHz, int localPort, string opusLibrary);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Symmetric RTP: latched to {Remote} (SDP said {Signalled})")]
    public static partial void Latched(ILogger logger, string remote, string signalled);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Symmetric RTCP: latched to {Remote} (SDP said {Signalled})")]
    public static partial void LatchedRtcp(ILogger logger, string remote, string signalled);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Dropped {Count} RTP/RTCP packets in the last interval, last reason: {Reason}")]
    public static partial void Dropped(ILogger logger, long count, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "RTP timeout: nothing received for {Timeout}")]
    public static partial void RtpTimeout(ILogger logger, TimeSpan timeout);

    // The digit itself is not logged: DTMF digits are door codes (secrets never go into the log).
    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "DTMF digit received by {Source}")]
    public static partial void Digit(ILogger logger, Intercom.Media.Dtmf.DtmfSource source);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "Media receive loop error; continuing")]
    public static partial void ReceiveLoopError(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Media stopped: {Statistics}")]
    public static partial void Stopped(ILogger logger, MediaSessionStatistics statistics);
}
