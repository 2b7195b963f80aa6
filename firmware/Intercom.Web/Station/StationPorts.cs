namespace Intercom.Web.Station;

/// <summary>Where the door station listens, for the network page.</summary>
/// <param name="Sip">The SIP end points with their transport (<c>udp 0.0.0.0:5060</c>); empty while the station does not run.</param>
/// <param name="Rtp">The RTP port range, or a note that any free port is used.</param>
public sealed record StationPorts(IReadOnlyList<string> Sip, string Rtp);
