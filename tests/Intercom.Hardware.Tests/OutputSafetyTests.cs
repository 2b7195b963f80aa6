using System.Device.Gpio;
using Intercom.Hardware.Gpio;
using Intercom.Hardware.Outputs;

namespace Intercom.Hardware.Tests;

public sealed class OutputSafetyTests
{
    [Fact]
    public void DriveAllOff_OutputsLeftOn_DrivesEachToItsOffLevel()
    {
        var options = HardwareFixture.WaveshareOptions();
        using var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        // A previous run died with the strike (active-low) and the gate (active-high) on.
        controller.OpenPin(26, PinMode.Output, PinValue.Low);
        controller.OpenPin(17, PinMode.Output, PinValue.High);

        var count = OutputSafety.DriveAllOff(controller, OutputSafety.OutputPins(options));

        Assert.Equal(3, count);
        Assert.Equal(PinValue.High, driver.PeekLevel(26));
        Assert.Equal(PinValue.Low, driver.PeekLevel(17));
        Assert.Equal(PinValue.Low, driver.PeekLevel(23));
        Assert.True(controller.IsPinOpen(26));
        Assert.False(controller.IsPinOpen(23));
    }

    [Fact]
    public void OutputPins_Waveshare_ResolvesActiveLowChannels()
    {
        var pins = OutputSafety.OutputPins(HardwareFixture.WaveshareOptions());

        Assert.Equal([new(26, true), new(17, false), new(23, false)], pins);
    }
}
