namespace Intercom.Sip.Transport;

/// <summary>Facts about each <see cref="SipTransportKind"/>.</summary>
public static class SipTransportKindExtensions
{
    /// <summary>True for stream transports, where the transaction layer does not retransmit.</summary>
    public static bool IsReliable(this SipTransportKind kind) => kind != SipTransportKind.Udp;

    /// <summary>The transport token written in Via (RFC 3261 §20.42).</summary>
    public static string ViaName(this SipTransportKind kind) => kind switch
    {
        SipTransportKind.Tcp => "TCP",
        SipTransportKind.Tls => "TLS",
        _ => "UDP",
    };

    /// <summary>The transport uri-parameter value (RFC 3261 §19.1.1); TLS is written as tcp with a sips: scheme or transport=tls.</summary>
    public static string UriParameter(this SipTransportKind kind) => kind switch
    {
        SipTransportKind.Tcp => "tcp",
        SipTransportKind.Tls => "tls",
        _ => "udp",
    };

    /// <summary>Default port: 5060, or 5061 for TLS (RFC 3261 §19.1.2).</summary>
    public static int DefaultPort(this SipTransportKind kind) => kind == SipTransportKind.Tls ? 5061 : 5060;

    /// <summary>Parses a Via transport or uri transport parameter.</summary>
    public static bool TryParse(string? text, out SipTransportKind kind)
    {
        switch (text?.ToUpperInvariant())
        {
            case "UDP":
                kind = SipTransportKind.Udp;
                return true;
            case "TCP":
                kind = SipTransportKind.Tcp;
                return true;
            case "TLS":
                kind = SipTransportKind.Tls;
                return true;
            default:
                kind = SipTransportKind.Udp;
                return false;
        }
    }
}
