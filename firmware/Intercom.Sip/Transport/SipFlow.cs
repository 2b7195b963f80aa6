using System.Net;

namespace Intercom.Sip.Transport;

/// <summary>Where a message goes or came from: transport, remote address, and for TLS the name to verify.</summary>
/// <param name="Transport">The transport.</param>
/// <param name="Remote">The remote address and port.</param>
/// <param name="ServerName">The host name a TLS certificate must match (RFC 5922), or null.</param>
/// <param name="ConnectionId">For stream transports the connection a message arrived on (responses go back on it), or 0.</param>
public sealed record SipFlow(SipTransportKind Transport, IPEndPoint Remote, string? ServerName = null, long ConnectionId = 0)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Transport.ViaName()}:{Remote}";
}
