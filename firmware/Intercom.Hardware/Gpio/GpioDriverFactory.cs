using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using Intercom.Hardware.Configuration;

namespace Intercom.Hardware.Gpio;

/// <summary>
/// Builds the GPIO driver named in configuration. Never <c>new GpioController()</c>: that guesses a driver and
/// throws rather than falling back when a chip is missing; here the chip is found by label and a missing chip
/// is a clear message.
/// </summary>
public static class GpioDriverFactory
{
    /// <summary>Builds the driver for <paramref name="options"/>.</summary>
    public static GpioDriverCreation Create(GpioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Driver switch
        {
            GpioDriverKind.Simulated => GpioDriverCreation.Success(new SimulatedGpioDriver()),
            GpioDriverKind.Libgpiod => CreateLibgpiod(options.ChipLabel ?? "", options.LibgpiodApiVersion),
            _ => GpioDriverCreation.Failure($"hardware.gpio.driver: unknown driver {options.Driver}"),
        };
    }

    private static GpioDriverCreation CreateLibgpiod(string chipLabel, int apiVersion)
    {
        var library = apiVersion == 2 ? "libgpiod.so.3" : "libgpiod.so.2";
        IList<GpioChipInfo> chips;
        try
        {
            chips = apiVersion == 2 ? LibGpiodV2Driver.GetAvailableChips() : LibGpiodDriver.GetAvailableChips();
        }
        catch (DllNotFoundException)
        {
            var package = apiVersion == 2 ? "libgpiod3" : "libgpiod2";
            return GpioDriverCreation.Failure(
                $"hardware.gpio: {library} is not installed; install it (apt-get install {package}) or set hardware.gpio.libgpiodApiVersion to the installed generation");
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            return GpioDriverCreation.Failure($"hardware.gpio: cannot list GPIO chips through {library}: {exception.Message}");
        }

        foreach (var chip in chips)
        {
            if (string.Equals(chip.Label, chipLabel, StringComparison.Ordinal))
            {
                GpioDriver driver = apiVersion == 2 ? new LibGpiodV2Driver(chip) : new LibGpiodDriver(chip);
                return GpioDriverCreation.Success(driver);
            }
        }

        var present = chips.Count == 0
            ? "none (no /dev/gpiochip* is visible to this process)"
            : string.Join(", ", chips.Select(chip => $"{chip.Name} [{chip.Label}]"));
        return GpioDriverCreation.Failure(
            $"hardware.gpio.chipLabel: no GPIO chip is labelled \"{chipLabel}\"; chips present: {present}; set chipLabel to the header chip's label");
    }
}
