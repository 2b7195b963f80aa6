namespace Intercom.Hardware.Outputs;

/// <summary>What a status LED shows.</summary>
public enum LedState
{
    /// <summary>Dark.</summary>
    Off,

    /// <summary>Lit.</summary>
    On,

    /// <summary>Blinking at its blink period.</summary>
    Blinking,
}
