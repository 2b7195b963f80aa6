using System.Device.Gpio;
using Intercom.Hardware.Configuration;
using Intercom.Hardware.Gpio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Intercom.Hardware.Tests;

/// <summary>Door hardware over the real GpioController on a simulated chip and a fake clock.</summary>
internal sealed class HardwareFixture : IDisposable
{
    public HardwareFixture(HardwareOptions options)
    {
        Clock = TestClock.Create();
        Driver = new SimulatedGpioDriver();
        Controller = new GpioController(Driver);
        Hardware = DoorHardware.Create(options, Controller, Driver, Clock, NullLoggerFactory.Instance, () => SupervisorPolls++);
    }

    public FakeTimeProvider Clock { get; }

    public SimulatedGpioDriver Driver { get; }

    public GpioController Controller { get; }

    public DoorHardware Hardware { get; }

    public int SupervisorPolls { get; private set; }

    public static HardwareOptions WaveshareOptions(TimeSpan? maximumOnTime = null) => new()
    {
        Board = "waveshare-rpi-relay-board",
        Inputs =
        [
            new InputOptions { Name = "door", Kind = InputKind.DoorButton, Channel = "button1" },
            new InputOptions { Name = "contact", Kind = InputKind.DoorContact, Channel = "contact" },
        ],
        Relays =
        [
            new RelayOptions { Name = "strike", Channel = "relay1", PulseDuration = TimeSpan.FromSeconds(3), MaximumOnTime = maximumOnTime ?? TimeSpan.FromSeconds(10) },
            new RelayOptions { Name = "gate", Pin = 17, ActiveLow = false, Mode = RelayMode.Bistable, PulseDuration = TimeSpan.FromSeconds(1), MaximumOnTime = TimeSpan.FromSeconds(30) },
        ],
        Leds = [new LedOptions { Name = "status", Channel = "led1" }],
    };

    public void Dispose()
    {
        Hardware.Dispose();
        Controller.Dispose();
    }
}
