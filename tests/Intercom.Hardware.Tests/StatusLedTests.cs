using System.Device.Gpio;
using Intercom.Hardware.Outputs;

namespace Intercom.Hardware.Tests;

public sealed class StatusLedTests
{
    [Fact]
    public void Blink_TogglesEveryHalfPeriodUntilSetSteady()
    {
        using var fixture = new HardwareFixture(HardwareFixture.WaveshareOptions());
        var led = fixture.Hardware.FindLed("status")!;

        led.Blink(TimeSpan.FromMilliseconds(500));
        var levels = new List<PinValue> { fixture.Driver.PeekLevel(23) };
        for (var i = 0; i < 4; i++)
        {
            fixture.Clock.Advance(TimeSpan.FromMilliseconds(250));
            levels.Add(fixture.Driver.PeekLevel(23));
        }

        Assert.Equal([PinValue.High, PinValue.Low, PinValue.High, PinValue.Low, PinValue.High], levels);
        Assert.Equal(LedState.Blinking, led.State);

        led.Set(false);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(PinValue.Low, fixture.Driver.PeekLevel(23));
        Assert.Equal(LedState.Off, fixture.Hardware.GetStatus().Leds[0].State);
    }
}
