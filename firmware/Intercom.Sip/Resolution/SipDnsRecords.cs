using System.Net;

namespace Intercom.Sip.Resolution;

/// <summary>A NAPTR record as RFC 3263 §4.1 uses it.</summary>
public sealed record SipNaptrRecord(int Order, int Preference, string Flags, string Service, string Replacement);

/// <summary>An SRV record (RFC 2782).</summary>
public sealed record SipSrvRecord(int Priority, int Weight, int Port, string Target);

/// <summary>One place to send a request: transport, address, and the name a TLS certificate must carry.</summary>
public sealed record SipResolvedTarget(Transport.SipTransportKind Transport, IPEndPoint EndPoint, string ServerName);
