using Intercom.Hardware.Configuration;

namespace Intercom.Hardware.Tests;

public sealed class HardwareOptionsValidatorTests
{
    private static IReadOnlyList<string> Errors(HardwareOptions options)
    {
        var result = new HardwareOptionsValidator().Validate(null, options);
        return result.Failed ? [.. result.Failures!] : [];
    }

    [Fact]
    public void Validate_WaveshareExample_Passes()
    {
        Assert.Empty(Errors(HardwareFixture.WaveshareOptions()));
    }

    [Fact]
    public void Validate_PulseLongerThanMaximumOnTime_NamesFieldAndFix()
    {
        var options = new HardwareOptions
        {
            Relays = [new RelayOptions { Name = "strike", Pin = 17, PulseDuration = TimeSpan.FromSeconds(20), MaximumOnTime = TimeSpan.FromSeconds(10) }],
        };

        var error = Assert.Single(Errors(options));

        Assert.StartsWith("hardware.relays[0].pulseDuration:", error, StringComparison.Ordinal);
        Assert.Contains("shorten pulseDuration or raise maximumOnTime", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MaximumOnTimeAboveCeiling_IsRejected()
    {
        var options = new HardwareOptions
        {
            Relays = [new RelayOptions { Name = "strike", Pin = 17, MaximumOnTime = TimeSpan.FromHours(2) }],
        };

        Assert.Contains(Errors(options), e => e.StartsWith("hardware.relays[0].maximumOnTime:", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_LibgpiodWithoutChipLabel_SaysWhichLabelToUse()
    {
        var options = new HardwareOptions { Gpio = new GpioOptions { Driver = GpioDriverKind.Libgpiod } };

        var error = Assert.Single(Errors(options));

        Assert.StartsWith("hardware.gpio.chipLabel:", error, StringComparison.Ordinal);
        Assert.Contains("pinctrl-bcm2711", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownBoardAndChannel_ListsTheKnownOnes()
    {
        Assert.Contains(
            Errors(new HardwareOptions { Board = "acme" }),
            e => e.StartsWith("hardware.board:", StringComparison.Ordinal) && e.Contains("waveshare-rpi-relay-board", StringComparison.Ordinal));
        Assert.Contains(
            Errors(new HardwareOptions { Relays = [new RelayOptions { Name = "strike", Channel = "relay9" }] }),
            e => e.StartsWith("hardware.relays[0].channel:", StringComparison.Ordinal) && e.Contains("relay1", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SameGpioTwice_NamesBothItems()
    {
        var options = new HardwareOptions
        {
            Board = "waveshare-rpi-relay-board",
            Relays = [new RelayOptions { Name = "strike", Channel = "relay2" }],
            Leds = [new LedOptions { Name = "status", Pin = 20 }],
        };

        var error = Assert.Single(Errors(options));

        Assert.Equal("hardware.leds[0]: GPIO 20 is already used by hardware.relays[0]; wire each item to its own GPIO", error);
    }

    [Theory]
    [InlineData("Door", "hardware.inputs[0].name:")]
    [InlineData("", "hardware.inputs[0].name:")]
    [InlineData("door/1", "hardware.inputs[0].name:")]
    public void Validate_NameNotRouteSafe_IsRejected(string name, string expectedPrefix)
    {
        var options = new HardwareOptions { Inputs = [new InputOptions { Name = name, Pin = 5 }] };

        Assert.StartsWith(expectedPrefix, Assert.Single(Errors(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateNameAcrossKinds_IsRejected()
    {
        var options = new HardwareOptions
        {
            Inputs = [new InputOptions { Name = "door", Pin = 5 }],
            Relays = [new RelayOptions { Name = "door", Pin = 17 }],
        };

        Assert.Equal("hardware.relays[0].name: \"door\" is used twice; give every input, relay and LED its own name", Assert.Single(Errors(options)));
    }

    [Theory]
    [InlineData(28)]
    [InlineData(-1)]
    public void Validate_PinOffTheHeader_IsRejected(int pin)
    {
        var options = new HardwareOptions { Inputs = [new InputOptions { Name = "door", Pin = pin }] };

        Assert.StartsWith("hardware.inputs[0].pin:", Assert.Single(Errors(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BothOrNeitherPinAndChannel_IsRejected()
    {
        Assert.StartsWith("hardware.inputs[0]: both", Assert.Single(Errors(new HardwareOptions { Inputs = [new InputOptions { Name = "door", Pin = 5, Channel = "button1" }] })), StringComparison.Ordinal);
        Assert.StartsWith("hardware.inputs[0]: neither", Assert.Single(Errors(new HardwareOptions { Inputs = [new InputOptions { Name = "door" }] })), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MinimumPressShorterThanDebounce_IsRejected()
    {
        var options = new HardwareOptions
        {
            Inputs = [new InputOptions { Name = "door", Pin = 5, DebounceTime = TimeSpan.FromMilliseconds(50), MinimumPressDuration = TimeSpan.FromMilliseconds(20) }],
        };

        Assert.StartsWith("hardware.inputs[0].minimumPressDuration:", Assert.Single(Errors(options)), StringComparison.Ordinal);
    }
}
