namespace Intercom.Hardware.Configuration;

/// <summary>The hardware section of the configuration file: <c>hardware</c>.</summary>
public sealed class HardwareOptions
{
    /// <summary>The GPIO driver.</summary>
    public GpioOptions Gpio { get; set; } = new();

    /// <summary>The board profile whose channels the items may name (see <c>hardware/boards</c>).</summary>
    public string Board { get; set; } = "generic";

    /// <summary>Door buttons, exit button, door contact, tamper switch.</summary>
    public IReadOnlyList<InputOptions> Inputs { get; set; } = [];

    /// <summary>Relays: door strike, gate, light.</summary>
    public IReadOnlyList<RelayOptions> Relays { get; set; } = [];

    /// <summary>Status LEDs.</summary>
    public IReadOnlyList<LedOptions> Leds { get; set; } = [];
}
