using System.Net;
using Intercom.Sip.Messages;
using Intercom.Sip.Transport;

namespace Intercom.Sip.UserAgent;

/// <summary>What the inbound policy knows about a new INVITE before deciding.</summary>
/// <param name="From">The From address (caller ID: not proof of anything).</param>
/// <param name="RequestUri">The Request-URI (which of our addresses was called).</param>
/// <param name="Source">The address the INVITE came from.</param>
/// <param name="Transport">The transport it came over.</param>
/// <param name="ViaAccount">The name of the account whose registrar or proxy sent it (by source address), or null.</param>
public sealed record SipIncomingCallInfo(SipNameAddress From, SipUri RequestUri, IPEndPoint Source, SipTransportKind Transport, string? ViaAccount);
