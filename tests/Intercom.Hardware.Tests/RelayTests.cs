using System.Device.Gpio;

namespace Intercom.Hardware.Tests;

public sealed class RelayTests
{
    [Fact]
    public void Create_ActiveLowRelay_StartsHighThatIsOff()
    {
        using var fixture = new HardwareFixture(HardwareFixture.WaveshareOptions());

        Assert.Equal(PinValue.High, fixture.Driver.PeekLevel(26));
        Assert.False(fixture.Hardware.FindRelay("strike")!.Output.ReadIsOn());
    }

    [Fact]
    public void Pulse_ActiveLowRelay_DrivesLowForPulseThenHigh()
    {
        using var fixture = new HardwareFixture(HardwareFixture.WaveshareOptions());
        var strike = fixture.Hardware.FindRelay("strike")!;

        var used = strike.Pulse();

        Assert.Equal(TimeSpan.FromSeconds(3), used);
        Assert.Equal(PinValue.Low, fixture.Driver.PeekLevel(26));
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(2999));
        Assert.Equal(PinValue.Low, fixture.Driver.PeekLevel(26));
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(PinValue.High, fixture.Driver.PeekLevel(26));
        Assert.False(strike.IsOn);
        Assert.Equal(1, strike.PulseCount);
    }

    [Fact]
    public void Pulse_LongerThanMaximumOnTime_IsClampedToMaximum()
    {
        using var fixture = new HardwareFixture(HardwareFixture.WaveshareOptions(maximumOnTime: TimeSpan.FromSeconds(5)));
        var strike = fixture.Hardware.FindRelay("strike")!;

        var used = strike.Pulse(TimeSpan.FromMinutes(10));

        Assert.Equal(TimeSpan.FromSeconds(5), used);
        fixture.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(PinValue.High, fixture.Driver.PeekLevel(26));
    }

    [Fact]
    public void Supervisor_LineStuckOnBehindTheRelaysBack_ForcesItOffAfterMaximumOnTime()
    {
        using var fixture = new HardwareFixture(HardwareFixture.WaveshareOptions(maximumOnTime: TimeSpan.FromSeconds(5)));
        var strike = fixture.Hardware.FindRelay("strike")!;

        // Something other than the relay's pulse logic switches the line on and nothing switches it off.
        fixture.Controller.Write(26, PinValue.Low);
        fixture.Clock.AdvanceInSteps(TimeSpan.FromSeconds(4.8));
        Assert.Equal(PinValue.Low, fixture.Driver.PeekLevel(26));
        fixture.Clock.AdvanceInSteps(TimeSpan.FromSeconds(0.4));

        Assert.Equal(PinValue.High, fixture.Driver.PeekLevel(26));
        Assert.Equal(1, fixture.Hardware.Supervisor.ForcedOffCount);
        Assert.False(strike.IsOn);
    }

    [Fact]
    public void Supervisor_NormalPulses_NeverInterferes()
    {
        using var fixture = new HardwareFixture(HardwareFixture.WaveshareOptions());
        var strike = fixture.Hardware.FindRelay("strike")!;

        for (var i = 0; i < 5; i++)
        {
            strike.Pulse();
            fixture.Clock.AdvanceInSteps(TimeSpan.FromSeconds(4));
        }

        Assert.Equal(0, fixture.Hardware.Supervisor.ForcedOffCount);
        Assert.True(fixture.SupervisorPolls >= 150);
    }

    [Fact]
    public void Trigger_BistableRelay_TogglesAndStillEndsAtMaximumOnTime()
    {
        using var fixture = new HardwareFixture(HardwareFixture.WaveshareOptions());
        var gate = fixture.Hardware.FindRelay("gate")!;

        Assert.True(gate.Trigger());
        Assert.Equal(PinValue.High, fixture.Driver.PeekLevel(17));
        Assert.False(gate.Trigger());
        Assert.Equal(PinValue.Low, fixture.Driver.PeekLevel(17));

        Assert.True(gate.Trigger());
        fixture.Clock.AdvanceInSteps(TimeSpan.FromSeconds(30.2));
        Assert.Equal(PinValue.Low, fixture.Driver.PeekLevel(17));
    }

    [Fact]
    public void Dispose_WhilePulsing_LeavesEveryOutputOff()
    {
        var fixture = new HardwareFixture(HardwareFixture.WaveshareOptions());
        fixture.Hardware.FindRelay("strike")!.Pulse();
        fixture.Hardware.FindRelay("gate")!.Pulse();
        fixture.Hardware.FindLed("status")!.Set(true);

        fixture.Hardware.Dispose();

        Assert.Equal(PinValue.High, fixture.Driver.PeekLevel(26));
        Assert.Equal(PinValue.Low, fixture.Driver.PeekLevel(17));
        Assert.Equal(PinValue.Low, fixture.Driver.PeekLevel(23));
        fixture.Controller.Dispose();
    }
}
