namespace Intercom.Sip.UserAgent;

/// <summary>Why a call ended.</summary>
public enum SipCallEndReason
{
    /// <summary>We sent BYE.</summary>
    LocalHangUp,

    /// <summary>The peer sent BYE.</summary>
    RemoteHangUp,

    /// <summary>The peer answered the INVITE with a final error.</summary>
    Rejected,

    /// <summary>We rejected an incoming call.</summary>
    LocalRejected,

    /// <summary>We cancelled our INVITE.</summary>
    Cancelled,

    /// <summary>The caller cancelled its INVITE.</summary>
    RemoteCancelled,

    /// <summary>No answer in time (Timer B) or the ACK for our 2xx never came.</summary>
    Timeout,

    /// <summary>RFC 4028: the session was not refreshed in time.</summary>
    SessionExpired,

    /// <summary>The transport failed.</summary>
    TransportError,

    /// <summary>The user agent shut down.</summary>
    Shutdown,
}
