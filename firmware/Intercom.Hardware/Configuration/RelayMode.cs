namespace Intercom.Hardware.Configuration;

/// <summary>How a relay answers a trigger (door code, exit button, API).</summary>
public enum RelayMode
{
    /// <summary>Each trigger switches the relay on for its pulse duration.</summary>
    Monostable,

    /// <summary>Each trigger toggles the relay; the maximum on-time still bounds the on state.</summary>
    Bistable,
}
