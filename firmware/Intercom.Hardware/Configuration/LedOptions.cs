namespace Intercom.Hardware.Configuration;

/// <summary>One status LED: <c>hardware.leds[i]</c>.</summary>
public sealed class LedOptions
{
    /// <summary>Name used in logs and the API (lower case letters, digits, '-').</summary>
    public string Name { get; set; } = "";

    /// <summary>BCM GPIO number; give either this or <see cref="Channel"/>.</summary>
    public int? Pin { get; set; }

    /// <summary>A channel of the board profile; give either this or <see cref="Pin"/>.</summary>
    public string? Channel { get; set; }

    /// <summary>True when the LED lights with the GPIO low. Default: the channel's, else false.</summary>
    public bool? ActiveLow { get; set; }
}
