namespace Intercom.Sip.Authentication;

/// <summary>Digest hash algorithms (RFC 7616 §3.3, RFC 8760 §2).</summary>
public enum SipDigestAlgorithm
{
    /// <summary>MD5 (the RFC 2617 default when the challenge names none).</summary>
    Md5,

    /// <summary>MD5-sess.</summary>
    Md5Session,

    /// <summary>SHA-256 (RFC 8760).</summary>
    Sha256,

    /// <summary>SHA-256-sess.</summary>
    Sha256Session,

}
