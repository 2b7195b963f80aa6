namespace Intercom.Media.Sdp;

/// <summary>Per-account SRTP policy.</summary>
public enum SrtpPolicy
{
    /// <summary>Plain RTP only; an offer of RTP/SAVP is refused.</summary>
    Off = 0,

    /// <summary>Offer RTP/AVP with <c>a=crypto</c> (best-effort SRTP); use SRTP whenever the peer agrees.</summary>
    Optional,

    /// <summary>Offer RTP/SAVP; a peer that cannot encrypt fails the call with a clear reason.</summary>
    Mandatory,
}
