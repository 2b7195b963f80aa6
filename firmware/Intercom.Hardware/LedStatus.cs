using Intercom.Hardware.Outputs;

namespace Intercom.Hardware;

/// <summary>One LED's state.</summary>
/// <param name="Name">Configured name.</param>
/// <param name="Pin">BCM GPIO number.</param>
/// <param name="State">Off, on or blinking.</param>
public sealed record LedStatus(string Name, int Pin, LedState State);
