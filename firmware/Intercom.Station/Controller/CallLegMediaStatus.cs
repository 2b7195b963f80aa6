namespace Intercom.Station.Controller;

/// <summary>The media of an answered leg for the status page and the call log.</summary>
/// <param name="Codec">The codec name (PCMA, G722, opus).</param>
/// <param name="Srtp">True when media is encrypted.</param>
/// <param name="Jitter">Interarrival jitter (RFC 3550 §6.4.1).</param>
/// <param name="PacketsLost">RTP packets lost so far.</param>
/// <param name="PacketsReceived">RTP packets received so far.</param>
/// <param name="PacketsSent">RTP packets sent so far.</param>
public sealed record CallLegMediaStatus(string Codec, bool Srtp, TimeSpan Jitter, long PacketsLost, long PacketsReceived, long PacketsSent);
