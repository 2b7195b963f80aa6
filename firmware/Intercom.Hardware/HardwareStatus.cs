namespace Intercom.Hardware;

/// <summary>A snapshot of every input, relay and LED, for the status API and the web page.</summary>
/// <param name="Inputs">Inputs in configuration order.</param>
/// <param name="Relays">Relays in configuration order.</param>
/// <param name="Leds">LEDs in configuration order.</param>
public sealed record HardwareStatus(IReadOnlyList<InputStatus> Inputs, IReadOnlyList<RelayStatus> Relays, IReadOnlyList<LedStatus> Leds);
