using System.Device.Gpio;
using Intercom.Hardware.Configuration;
using Intercom.Hardware.Inputs;

namespace Intercom.Hardware.Tests;

public sealed class GpioInputTests
{
    [Fact]
    public void Changed_BouncingButtonOnTheLine_RaisesOnePressAndOneRelease()
    {
        using var fixture = new HardwareFixture(HardwareFixture.WaveshareOptions());
        var changes = new List<InputChangedEventArgs>();
        fixture.Hardware.InputChanged += (_, args) => changes.Add(args);

        // button1 is GPIO 5, active-low with pull-up: pressing pulls it low, with bounce.
        foreach (var level in new[] { PinValue.Low, PinValue.High, PinValue.Low, PinValue.High, PinValue.Low })
        {
            fixture.Driver.DriveInput(5, level);
            fixture.Clock.Advance(TimeSpan.FromMilliseconds(2));
        }

        fixture.Clock.Advance(TimeSpan.FromMilliseconds(200));
        fixture.Driver.ReleaseInput(5);
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(2, changes.Count);
        Assert.Equal(("door", InputKind.DoorButton, true), (changes[0].Name, changes[0].Kind, changes[0].Active));
        Assert.False(changes[1].Active);
        Assert.Equal(1, fixture.Hardware.FindInput("door")!.ActivationCount);
    }

    [Fact]
    public void RejectedCount_ShortGlitchOnTheLine_CountsItWithoutAPress()
    {
        using var fixture = new HardwareFixture(HardwareFixture.WaveshareOptions());

        fixture.Driver.DriveInput(5, PinValue.Low);
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(20));
        fixture.Driver.ReleaseInput(5);
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(100));

        var door = fixture.Hardware.FindInput("door")!;
        Assert.Equal(0, door.ActivationCount);
        Assert.Equal(1, door.RejectedCount);
    }

    [Fact]
    public void PressVirtually_Simulation_RunsThroughDebouncerAndReleases()
    {
        using var fixture = new HardwareFixture(HardwareFixture.WaveshareOptions());
        var door = fixture.Hardware.FindInput("door")!;

        Assert.True(fixture.Hardware.PressVirtually(door, TimeSpan.FromMilliseconds(200)));
        fixture.Clock.AdvanceInSteps(TimeSpan.FromMilliseconds(100));
        Assert.True(door.IsActive);
        fixture.Clock.AdvanceInSteps(TimeSpan.FromMilliseconds(200));

        Assert.False(door.IsActive);
        Assert.Equal(1, fixture.Hardware.GetStatus().Inputs[0].ActivationCount);
    }

    [Fact]
    public void Create_DoorContactOpenAtStart_IsActiveWithoutEvent()
    {
        var options = HardwareFixture.WaveshareOptions();
        var clock = TestClock.Create();
        using var driver = new Gpio.SimulatedGpioDriver();
        driver.DriveInput(16, PinValue.Low);
        using var controller = new GpioController(driver);
        var events = 0;
        using var hardware = DoorHardware.Create(options, controller, driver, clock, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        hardware.InputChanged += (_, _) => events++;
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(hardware.FindInput("contact")!.IsActive);
        Assert.Equal(0, events);
    }
}
