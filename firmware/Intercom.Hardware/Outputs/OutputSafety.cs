using System.Device.Gpio;
using Intercom.Hardware.Boards;
using Intercom.Hardware.Configuration;

namespace Intercom.Hardware.Outputs;

/// <summary>
/// Drives every configured output (relays and LEDs) to its off level, honouring active-low boards. A GPIO keeps its
/// level when the process dies, so this runs at start, at stop, and as <c>intercom --outputs-safe</c> from systemd's
/// <c>ExecStartPre</c>/<c>ExecStopPost</c>.
/// </summary>
public static class OutputSafety
{
    /// <summary>The resolved pins of every output in <paramref name="options"/>.</summary>
    public static IReadOnlyList<ResolvedPin> OutputPins(HardwareOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var board = BoardProfileCatalog.Find(options.Board);
        var pins = new List<ResolvedPin>();
        foreach (var relay in options.Relays)
        {
            if (relay is not null && PinResolver.Resolve(board, relay) is ResolvedPin pin)
            {
                pins.Add(pin);
            }
        }

        foreach (var led in options.Leds)
        {
            if (led is not null && PinResolver.Resolve(board, led) is ResolvedPin pin)
            {
                pins.Add(pin);
            }
        }

        return pins;
    }

    /// <summary>
    /// Opens each output pin straight into its off level, writes it once more, and closes it again.
    /// Returns the number of outputs driven.
    /// </summary>
    public static int DriveAllOff(GpioController controller, IReadOnlyList<ResolvedPin> pins)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(pins);
        foreach (var pin in pins)
        {
            var off = GpioOutput.OffLevel(pin);
            var wasOpen = controller.IsPinOpen(pin.Pin);
            if (wasOpen)
            {
                controller.SetPinMode(pin.Pin, PinMode.Output);
            }
            else
            {
                controller.OpenPin(pin.Pin, PinMode.Output, off);
            }

            controller.Write(pin.Pin, off);
            if (!wasOpen)
            {
                controller.ClosePin(pin.Pin);
            }
        }

        return pins.Count;
    }
}
