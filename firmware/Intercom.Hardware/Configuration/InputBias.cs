namespace Intercom.Hardware.Configuration;

/// <summary>The internal bias resistor on an input line.</summary>
public enum InputBias
{
    /// <summary>No bias: the circuit drives the line both ways.</summary>
    None,

    /// <summary>Pull-up: a button wired to ground, active-low.</summary>
    PullUp,

    /// <summary>Pull-down: a button wired to 3.3 V, active-high.</summary>
    PullDown,
}
