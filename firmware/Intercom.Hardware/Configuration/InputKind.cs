namespace Intercom.Hardware.Configuration;

/// <summary>What a wired input means to the door station.</summary>
public enum InputKind
{
    /// <summary>A visitor's call button (one per apartment).</summary>
    DoorButton,

    /// <summary>A request-to-exit button inside: opens the door locally.</summary>
    ExitButton,

    /// <summary>A door contact: active while the door is open.</summary>
    DoorContact,

    /// <summary>A tamper switch: active while the housing is open.</summary>
    Tamper,
}
