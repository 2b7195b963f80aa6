namespace Intercom.Station.Configuration;

/// <summary>A DTMF code that pulses a relay: <c>station.doorCodes[]</c>. The code is a secret: never logged.</summary>
public sealed class DoorCodeOptions
{
    /// <summary>The relay (name in <c>hardware.relays</c>) the code opens.</summary>
    public string Relay { get; set; } = string.Empty;

    /// <summary>1–16 digits (0–9, *, A–D); <c>#</c> ends the entry and cannot be part of a code.</summary>
    public string Code { get; set; } = string.Empty;
}
