using System.Device.Gpio;
using Intercom.Hardware.Configuration;
using Intercom.Hardware.Gpio;

namespace Intercom.Device.Hosting;

/// <summary>The GPIO driver built from configuration and the <see cref="GpioController"/> over it.</summary>
public sealed class GpioSession : IDisposable
{
    private GpioSession(GpioController controller, SimulatedGpioDriver? simulation)
    {
        Controller = controller;
        Simulation = simulation;
    }

    /// <summary>The controller all hardware ports use.</summary>
    public GpioController Controller { get; }

    /// <summary>The simulated chip, when the driver is simulated.</summary>
    public SimulatedGpioDriver? Simulation { get; }

    /// <summary>Opens the configured driver; null with <paramref name="error"/> when it cannot.</summary>
    public static GpioSession? Open(GpioOptions options, out string? error)
    {
        var creation = GpioDriverFactory.Create(options);
        if (creation.Driver is not GpioDriver driver)
        {
            error = creation.Error;
            return null;
        }

        error = null;
        return new GpioSession(new GpioController(driver), driver as SimulatedGpioDriver);
    }

    /// <inheritdoc />
    public void Dispose() => Controller.Dispose();
}
