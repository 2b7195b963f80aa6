namespace Intercom.Web.Station;

/// <summary>The current call.</summary>
/// <param name="Direction"><c>outbound</c> or <c>inbound</c>.</param>
/// <param name="State"><c>ringing</c>, <c>talking</c> or <c>ending</c>.</param>
/// <param name="Peer">Who is called or calling (SIP URI or display name).</param>
/// <param name="Codec">The negotiated codec; null before the answer.</param>
/// <param name="Srtp">True when the media is encrypted.</param>
/// <param name="DurationSeconds">Seconds since the call started.</param>
/// <param name="JitterMilliseconds">Interarrival jitter of the received RTP.</param>
/// <param name="LossPercent">Received packets lost, in percent.</param>
/// <param name="ReceivedDigits">DTMF digits received in this call as the station shows them (door-code digits masked).</param>
/// <param name="PacketsReceived">RTP packets received in this call; null before the media started.</param>
public sealed record CallStatus(
    string Direction, string State, string Peer, string? Codec, bool Srtp, double DurationSeconds,
    double? JitterMilliseconds, double? LossPercent, string ReceivedDigits, long? PacketsReceived = null);
