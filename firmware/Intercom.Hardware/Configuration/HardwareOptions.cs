namespace Intercom.Hardware.Configuration;

/// <summary>The hardware section of the configuration file: <c>hardware</c>.</summary>
public sealed class HardwareOptions
{
    /// <summary>The GPIO driver.</summary>
    public GpioOptions Gpio { get; init; } = new();

    /// <summary>The board profile whose channels the items may name (see <c>hardware/boards</c>).</summary>
    public string Board { get; init; } = "generic";

    /// <summary>Door buttons, exit button, door contact, tamper switch.</summary>
    public IReadOnlyList<InputOptions> Inputs { get; init; } = [];

    /// <summary>Relays: door strike, gate, light.</summary>
    public IReadOnlyList<RelayOptions> Relays { get; init; } = [];

    /// <summary>Status LEDs.</summary>
    public IReadOnlyList<LedOptions> Leds { get; init; } = [];
}
