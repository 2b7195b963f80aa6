namespace Intercom.Device.Http;

/// <summary>The door station in the status response: the call and its media, DTMF seen (masked), door and lockouts.</summary>
/// <param name="State">idle, ringing, answering, talking.</param>
/// <param name="Direction">visitor or inbound; null when idle.</param>
/// <param name="Button">The button of a visitor call.</param>
/// <param name="Peers">Legs ringing, or the one answered.</param>
/// <param name="Codec">The answered leg's codec.</param>
/// <param name="Srtp">True when its media is encrypted.</param>
/// <param name="JitterMilliseconds">Interarrival jitter.</param>
/// <param name="PacketsLost">RTP packets lost.</param>
/// <param name="PacketsReceived">RTP packets received.</param>
/// <param name="LastDigitsMasked">The last DTMF digits received, each shown as * (# as #).</param>
/// <param name="DoorOpened">A door code opened the door in this call.</param>
/// <param name="DoorContactOpen">The door contact reports the door open.</param>
/// <param name="DoorOpenTooLong">The door has been open too long.</param>
/// <param name="CodeLockoutRemainingSeconds">Seconds left in the wrong-code lockout.</param>
/// <param name="TamperLockoutRemainingSeconds">Seconds left in the tamper lockout.</param>
/// <param name="RegistrationFault">No SIP account registered although some should be.</param>
public sealed record StationStatusResponse(
    string State, string? Direction, string? Button, IReadOnlyList<string> Peers, string? Codec, bool? Srtp, double? JitterMilliseconds,
    long? PacketsLost, long? PacketsReceived, string LastDigitsMasked, bool DoorOpened, bool DoorContactOpen, bool DoorOpenTooLong,
    double CodeLockoutRemainingSeconds, double TamperLockoutRemainingSeconds, bool RegistrationFault);
