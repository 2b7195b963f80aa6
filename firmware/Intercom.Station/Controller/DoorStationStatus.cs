namespace Intercom.Station.Controller;

/// <summary>A snapshot of the door station for the status page and <c>GET /api/v1/status</c>.</summary>
public sealed record DoorStationStatus
{
    /// <summary>Idle, ringing, answering or talking.</summary>
    public required StationState State { get; init; }

    /// <summary>Visitor or inbound; null when idle.</summary>
    public CallDirection? Direction { get; init; }

    /// <summary>When the call started (<see cref="TimeProvider.GetTimestamp"/> of the station's clock); 0 when idle.</summary>
    public long CallStartTimestamp { get; init; }

    /// <summary>The button of the visitor call.</summary>
    public string? Button { get; init; }

    /// <summary>The legs ringing or the one answered.</summary>
    public IReadOnlyList<string> Peers { get; init; } = [];

    /// <summary>Media of the answered leg (codec, SRTP, jitter, loss).</summary>
    public CallLegMediaStatus? Media { get; init; }

    /// <summary>The last digits received, masked (<c>***#</c>): the installer sees that DTMF arrives, nobody sees the code.</summary>
    public string LastDigitsMasked { get; init; } = string.Empty;

    /// <summary>True when a door code opened the door in this call.</summary>
    public bool DoorOpened { get; init; }

    /// <summary>True while the door contact reports the door open.</summary>
    public bool DoorContactOpen { get; init; }

    /// <summary>True when the door has been open too long.</summary>
    public bool DoorOpenTooLong { get; init; }

    /// <summary>Time left in the door code lockout (wrong codes).</summary>
    public TimeSpan CodeLockoutRemaining { get; init; }

    /// <summary>Time left in the tamper lockout.</summary>
    public TimeSpan TamperLockoutRemaining { get; init; }

    /// <summary>Wrong codes in a row across calls.</summary>
    public int WrongCodesInARow { get; init; }

    /// <summary>True when no SIP account is registered although some should be.</summary>
    public bool RegistrationFault { get; init; }
}
