using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Intercom.Sip.Configuration;

/// <summary>Which sockets the stack opens and how it treats TLS peers.</summary>
public sealed class SipTransportOptions
{
    /// <summary>Local address to bind (default: all IPv4 addresses).</summary>
    public IPAddress BindAddress { get; set; } = IPAddress.Any;

    /// <summary>Open a UDP socket.</summary>
    public bool EnableUdp { get; set; } = true;

    /// <summary>Open a TCP listener (outgoing TCP connections work either way).</summary>
    public bool EnableTcp { get; set; } = true;

    /// <summary>Open a TLS listener; needs <see cref="TlsCertificate"/>. Outgoing TLS works either way.</summary>
    public bool EnableTlsListener { get; set; }

    /// <summary>UDP port; 0 picks a free one.</summary>
    public int UdpPort { get; set; } = 5060;

    /// <summary>TCP listening port; 0 picks a free one.</summary>
    public int TcpPort { get; set; } = 5060;

    /// <summary>TLS listening port; 0 picks a free one.</summary>
    public int TlsPort { get; set; } = 5061;

    /// <summary>Certificate (with private key) presented by the TLS listener.</summary>
    public X509Certificate2? TlsCertificate { get; set; }

    /// <summary>When set, TLS servers must chain to one of these instead of the system store.</summary>
    public X509Certificate2Collection? TrustedCertificateAuthorities { get; set; }

    /// <summary>Check TLS server certificates (name and chain). Only for lab use may this be false.</summary>
    public bool ValidateServerCertificates { get; set; } = true;

    /// <summary>Messages larger than this are dropped (RFC 3261 §18.1.1 limits UDP to 65,535 bytes).</summary>
    public int MaxMessageBytes { get; set; } = 65_535;

    /// <summary>How long a TCP or TLS connect (with handshake) may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>RFC 5626 §3.5.1: interval of CRLF keep-alives on connections we opened; zero disables them.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>Returns one message per invalid field, naming it; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!EnableUdp && !EnableTcp && !EnableTlsListener)
        {
            errors.Add("Transport: enable at least one of EnableUdp, EnableTcp, EnableTlsListener.");
        }

        CheckPort(errors, nameof(UdpPort), UdpPort);
        CheckPort(errors, nameof(TcpPort), TcpPort);
        CheckPort(errors, nameof(TlsPort), TlsPort);
        if (EnableTlsListener && TlsCertificate is null)
        {
            errors.Add("TlsCertificate: the TLS listener needs a certificate with a private key.");
        }

        if (TlsCertificate is not null && !TlsCertificate.HasPrivateKey)
        {
            errors.Add("TlsCertificate: the certificate has no private key.");
        }

        if (MaxMessageBytes is < 1500 or > 1_048_576)
        {
            errors.Add("MaxMessageBytes: use a value between 1500 and 1048576.");
        }

        if (ConnectTimeout <= TimeSpan.Zero || ConnectTimeout > TimeSpan.FromMinutes(1))
        {
            errors.Add("ConnectTimeout: use a value between 1 ms and 1 minute.");
        }

        if (KeepAliveInterval < TimeSpan.Zero)
        {
            errors.Add("KeepAliveInterval: must not be negative (zero disables keep-alives).");
        }

        return errors;
    }

    private static void CheckPort(List<string> errors, string name, int port)
    {
        if (port is < 0 or > 65535)
        {
            errors.Add($"{name}: must be between 0 and 65535 (0 picks a free port).");
        }
    }
}
