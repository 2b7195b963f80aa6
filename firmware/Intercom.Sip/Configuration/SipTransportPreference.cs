namespace Intercom.Sip.Configuration;

/// <summary>Which transport an account uses towards its registrar or proxy.</summary>
public enum SipTransportPreference
{
    /// <summary>RFC 3263: let DNS (NAPTR, SRV) or the URI decide.</summary>
    Auto,

    /// <summary>Always UDP.</summary>
    Udp,

    /// <summary>Always TCP.</summary>
    Tcp,

    /// <summary>Always TLS.</summary>
    Tls,
}
