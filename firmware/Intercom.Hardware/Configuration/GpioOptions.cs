namespace Intercom.Hardware.Configuration;

/// <summary>The GPIO driver section: <c>hardware.gpio</c>.</summary>
public sealed class GpioOptions
{
    /// <summary>The driver to build: <c>simulated</c> or <c>libgpiod</c>.</summary>
    public GpioDriverKind Driver { get; set; } = GpioDriverKind.Simulated;

    /// <summary>
    /// The label of the GPIO chip that carries the 40-pin header (libgpiod only): <c>pinctrl-rp1</c> on a Pi 5,
    /// <c>pinctrl-bcm2711</c> on a Pi 4, <c>pinctrl-bcm2835</c> on a Pi 3 or Zero 2 W.
    /// </summary>
    public string? ChipLabel { get; set; }

    /// <summary>
    /// The libgpiod C API generation installed: 1 (libgpiod.so.2, Debian 12 "bookworm") or 2 (libgpiod.so.3,
    /// Debian 13 "trixie").
    /// </summary>
    public int LibgpiodApiVersion { get; set; } = 1;
}
