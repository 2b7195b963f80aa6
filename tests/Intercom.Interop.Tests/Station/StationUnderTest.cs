using Intercom.Audio;
using Intercom.Audio.Engine;
using Intercom.Device.Hosting;
using Intercom.Hardware;
using Intercom.Hardware.Configuration;
using Intercom.Hardware.Outputs;
using Intercom.Interop.Tests.Peers;
using Intercom.Interop.Tests.Sip;
using Intercom.Sip.Configuration;
using Intercom.Station.Configuration;
using Intercom.Station.Runtime;
using Microsoft.Extensions.Logging;

namespace Intercom.Interop.Tests.Station;

/// <summary>
/// The door station composed in-process with its real adapters: our SIP stack on a free loopback port, media sessions,
/// the audio engine on a simulated sound card (440 Hz as the visitor), the door hardware on the simulated GPIO chip
/// (presses go through the debouncer), SQLite in a temp state directory.
/// </summary>
internal sealed class StationUnderTest : IAsyncDisposable
{
    public const string Code = "1234";

    private readonly GpioSession _gpio;
    private readonly AudioEngine _engine;
    private readonly bool _ownsDirectory;

    private StationUnderTest(TempDirectory directory, bool ownsDirectory, GpioSession gpio, DoorHardware hardware, AudioEngine engine, DoorStationRuntime runtime)
    {
        Directory = directory;
        _ownsDirectory = ownsDirectory;
        _gpio = gpio;
        Hardware = hardware;
        _engine = engine;
        Runtime = runtime;
    }

    public TempDirectory Directory { get; }

    public DoorHardware Hardware { get; }

    public DoorStationRuntime Runtime { get; }

    public Relay Strike => Hardware.FindRelay("strike")!;

    public int SipPort => Runtime.SipEndPoint!.Port;

    /// <summary>The station's options: a door button with the given plan, code 1234 on the strike, no accounts unless given.</summary>
    public static IntercomOptions Options(StationOptions station, params SipAccountOptions[] accounts) => new()
    {
        Hardware = new HardwareOptions
        {
            Gpio = new GpioOptions { Driver = GpioDriverKind.Simulated },
            Inputs =
            [
                new InputOptions { Name = "door", Kind = InputKind.DoorButton, Channel = "button1", DebounceTime = TimeSpan.FromMilliseconds(10), MinimumPressDuration = TimeSpan.FromMilliseconds(20) },
                new InputOptions { Name = "exit", Kind = InputKind.ExitButton, Channel = "exit" },
                new InputOptions { Name = "tamper", Kind = InputKind.Tamper, Channel = "tamper", DebounceTime = TimeSpan.FromMilliseconds(10), MinimumPressDuration = TimeSpan.FromMilliseconds(20) },
            ],
            Relays = [new RelayOptions { Name = "strike", Channel = "relay1", PulseDuration = TimeSpan.FromSeconds(1), MaximumOnTime = TimeSpan.FromSeconds(5) }],
            Leds = [new LedOptions { Name = "call", Channel = "led1" }, new LedOptions { Name = "status", Channel = "led2" }],
        },
        Sip = new SipOptions { Accounts = accounts, BindAddress = "127.0.0.1", UdpPort = 0, TcpPort = 0 },
        Media = new Intercom.Station.Calls.CallMediaOptions { Codecs = [Intercom.Media.Codecs.AudioCodec.G722, Intercom.Media.Codecs.AudioCodec.Pcma, Intercom.Media.Codecs.AudioCodec.Pcmu], LocalAddress = "127.0.0.1" },
        Audio = new AudioOptions { Backend = AudioBackend.Simulated, SimulatedMicrophoneToneHz = 440, RealtimePriority = 0, EchoCancellationEnabled = false, NoiseSuppressionEnabled = false },
        Station = station,
    };

    public static StationOptions Plan(CallPlanMode mode, params CallTargetOptions[] targets) => new()
    {
        Buttons = [new ButtonOptions { Input = "door", Mode = mode, Targets = targets, RingTimeout = TimeSpan.FromSeconds(20) }],
        DoorCodes = [new DoorCodeOptions { Relay = "strike", Code = Code }],
        HangUpAfterDoorOpened = TimeSpan.FromSeconds(1),
        InterDigitTimeout = TimeSpan.FromSeconds(2),
        CallLed = "call",
        StatusLed = "status",
    };

    public static async Task<StationUnderTest> StartAsync(IntercomOptions options, TempDirectory? stateDirectory = null, CancellationToken cancellationToken = default)
    {
        var errors = ConfigurationSections.Validate(options);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var directory = stateDirectory ?? new TempDirectory("station-");
        var loggers = ConsoleTraceLoggerFactory.Create();
        var gpio = GpioSession.Open(options.Hardware.Gpio, out var problem) ?? throw new InvalidOperationException(problem);
        var hardware = DoorHardware.Create(options.Hardware, gpio.Controller, gpio.Simulation, TimeProvider.System, loggers);
        var engine = new AudioEngine(options.Audio, AudioDeviceFactory.Create(options.Audio, out _), null, TimeProvider.System, loggers.CreateLogger<AudioEngine>());
        engine.Start();
        var runtime = await DoorStationRuntime.StartAsync(options, directory.Path, hardware, () => engine, TimeProvider.System, loggers, cancellationToken);
        runtime.Agent.Trace.Enabled = ConsoleTraceLoggerFactory.Enabled;
        return new StationUnderTest(directory, stateDirectory is null, gpio, hardware, engine, runtime);
    }

    /// <summary>A press through the simulated GPIO line and the debouncer, as a visitor would.</summary>
    public void Press(string input = "door") => Assert.True(Hardware.PressVirtually(Hardware.FindInput(input)!, TimeSpan.FromMilliseconds(60)));

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        _engine.Dispose();
        Hardware.Dispose();
        _gpio.Dispose();
        if (_ownsDirectory)
        {
            Directory.Dispose();
        }
    }
}
