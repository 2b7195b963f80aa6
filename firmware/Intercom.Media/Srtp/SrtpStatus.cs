namespace Intercom.Media.Srtp;

/// <summary>Outcome of protecting or unprotecting one packet. Wire input never throws; it yields one of these.</summary>
public enum SrtpStatus
{
    /// <summary>The packet was transformed in place.</summary>
    Ok = 0,

    /// <summary>Shorter than a header plus tag, or not RTP version 2.</summary>
    Malformed,

    /// <summary>The destination buffer has no room for the tag (protect only).</summary>
    BufferTooSmall,

    /// <summary>The authentication tag did not verify: forged, corrupted or keyed with another key.</summary>
    AuthenticationFailed,

    /// <summary>The packet index was already received (RFC 3711 §3.3.2).</summary>
    Replayed,

    /// <summary>The packet index lies behind the replay window (RFC 3711 §3.3.2).</summary>
    TooOld,
}
