using Intercom.Hardware.Configuration;
using Intercom.Hardware.Gpio;

namespace Intercom.Hardware.Tests;

public sealed class GpioDriverFactoryTests
{
    [Fact]
    public void Create_Simulated_BuildsSimulatedDriver()
    {
        var creation = GpioDriverFactory.Create(new GpioOptions { Driver = GpioDriverKind.Simulated });

        using var driver = creation.Driver;
        Assert.IsType<SimulatedGpioDriver>(driver);
        Assert.Null(creation.Error);
    }

    [Fact]
    public void Create_LibgpiodWithAbsentChipLabel_FailsNamingTheLabelInsteadOfGuessing()
    {
        // No GPIO chip on this machine carries that label: the factory must say so rather than pick another chip.
        var creation = GpioDriverFactory.Create(new GpioOptions { Driver = GpioDriverKind.Libgpiod, ChipLabel = "pinctrl-test-absent" });

        Assert.Null(creation.Driver);
        Assert.StartsWith("hardware.gpio.chipLabel: no GPIO chip is labelled \"pinctrl-test-absent\"", creation.Error, StringComparison.Ordinal);
    }
}
