namespace Intercom.Station.Calls;

/// <summary>Why a <see cref="MediaCall"/> ended, in the terms of the call log.</summary>
public enum MediaCallEndReason
{
    /// <summary>We hung up (BYE or CANCEL).</summary>
    LocalHangUp,

    /// <summary>The peer hung up or cancelled.</summary>
    RemoteHangUp,

    /// <summary>The peer refused the call (busy, declined, not found, ...).</summary>
    Rejected,

    /// <summary>No media both sides accept: a 488 either way, or an answer we could not use (e.g. SRTP mandatory against a plain peer).</summary>
    MediaNotAcceptable,

    /// <summary>No RTP arrived for the configured time; we sent BYE.</summary>
    RtpTimeout,

    /// <summary>No answer in time, or the session was not refreshed (RFC 4028).</summary>
    Timeout,

    /// <summary>The network or the SIP transport failed, or our own setup failed (no RTP port).</summary>
    Failed,

    /// <summary>The service shut down.</summary>
    Shutdown,
}
