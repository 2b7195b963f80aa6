namespace Intercom.Sip.Transport;

/// <summary>The transports this stack speaks (RFC 3261 §18).</summary>
public enum SipTransportKind
{
    /// <summary>UDP: unreliable, messages retransmitted by the transaction layer.</summary>
    Udp,

    /// <summary>TCP: reliable stream, Content-Length framing.</summary>
    Tcp,

    /// <summary>TLS over TCP (RFC 3261 §26.2.1); required for sips: URIs.</summary>
    Tls,
}
