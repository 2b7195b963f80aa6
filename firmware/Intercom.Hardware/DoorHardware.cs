using System.Device.Gpio;
using Intercom.Hardware.Boards;
using Intercom.Hardware.Configuration;
using Intercom.Hardware.Gpio;
using Intercom.Hardware.Inputs;
using Intercom.Hardware.Outputs;
using Microsoft.Extensions.Logging;

namespace Intercom.Hardware;

/// <summary>
/// All of the door station's wired hardware, built from a validated <see cref="HardwareOptions"/> over one
/// <see cref="GpioController"/>: inputs, relays under their supervisor, status LEDs. Every output starts at its off
/// level and is driven off again on dispose.
/// </summary>
public sealed class DoorHardware : IDisposable
{
    private readonly GpioController _controller;
    private readonly SimulatedGpioDriver? _simulation;
    private readonly TimeProvider _timeProvider;
    private readonly IReadOnlyList<ResolvedPin> _outputPins;
    private readonly ILogger _logger;
    private bool _disposed;

    private DoorHardware(
        GpioController controller, SimulatedGpioDriver? simulation, TimeProvider timeProvider, IReadOnlyList<ResolvedPin> outputPins,
        ILogger logger, IReadOnlyList<GpioInput> inputs, IReadOnlyList<Relay> relays, IReadOnlyList<StatusLed> leds, RelaySupervisor supervisor)
    {
        _controller = controller;
        _simulation = simulation;
        _timeProvider = timeProvider;
        _outputPins = outputPins;
        _logger = logger;
        Inputs = inputs;
        Relays = relays;
        Leds = leds;
        Supervisor = supervisor;
        foreach (var input in inputs)
        {
            input.Changed += OnInputChanged;
        }
    }

    /// <summary>Inputs in configuration order.</summary>
    public IReadOnlyList<GpioInput> Inputs { get; }

    /// <summary>Relays in configuration order.</summary>
    public IReadOnlyList<Relay> Relays { get; }

    /// <summary>Status LEDs in configuration order.</summary>
    public IReadOnlyList<StatusLed> Leds { get; }

    /// <summary>The independent on-time guard over <see cref="Relays"/>.</summary>
    public RelaySupervisor Supervisor { get; }

    /// <summary>True when the GPIO chip is simulated (laptop, tests): inputs can be pressed virtually.</summary>
    public bool IsSimulated => _simulation is not null;

    /// <summary>Raised on every debounced input change (door button pressed, door opened).</summary>
    public event EventHandler<InputChangedEventArgs>? InputChanged;

    /// <summary>
    /// Builds the hardware. <paramref name="options"/> must have passed <see cref="HardwareOptionsValidator"/>.
    /// Outputs are driven off before anything else is opened. <paramref name="reportSupervisorAlive"/> is called on
    /// every supervisor poll (the health registry's liveness probe). Pass the <paramref name="simulation"/> driver
    /// that <paramref name="controller"/> runs on, if it is simulated, to allow virtual presses.
    /// </summary>
    public static DoorHardware Create(
        HardwareOptions options, GpioController controller, SimulatedGpioDriver? simulation, TimeProvider timeProvider,
        ILoggerFactory loggerFactory, Action? reportSupervisorAlive = null, TimeSpan? supervisorPollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger<DoorHardware>();
        var board = BoardProfileCatalog.Find(options.Board)
            ?? throw new ArgumentException($"unknown board profile {options.Board}; validate the options first", nameof(options));
        var outputPins = OutputSafety.OutputPins(options);
        OutputSafety.DriveAllOff(controller, outputPins);

        var inputs = new List<GpioInput>();
        var relays = new List<Relay>();
        var leds = new List<StatusLed>();
        try
        {
            var inputLogger = loggerFactory.CreateLogger<GpioInput>();
            foreach (var input in options.Inputs)
            {
                inputs.Add(new GpioInput(input, Resolve(PinResolver.Resolve(board, input), input.Name), controller, timeProvider, inputLogger));
            }

            var relayLogger = loggerFactory.CreateLogger<Relay>();
            foreach (var relay in options.Relays)
            {
                var output = new GpioOutput(controller, Resolve(PinResolver.Resolve(board, relay), relay.Name));
                relays.Add(new Relay(relay, output, timeProvider, relayLogger));
            }

            foreach (var led in options.Leds)
            {
                leds.Add(new StatusLed(led.Name, new GpioOutput(controller, Resolve(PinResolver.Resolve(board, led), led.Name)), timeProvider));
            }
        }
        catch
        {
            DisposeAll(inputs, relays, leds);
            OutputSafety.DriveAllOff(controller, outputPins);
            throw;
        }

        var supervisor = new RelaySupervisor(
            relays, timeProvider, loggerFactory.CreateLogger<RelaySupervisor>(), supervisorPollInterval ?? RelaySupervisor.DefaultPollInterval, reportSupervisorAlive);
        HardwareLog.HardwareReady(logger, board.Name, options.Gpio.Driver, inputs.Count, relays.Count, leds.Count);
        return new DoorHardware(controller, simulation, timeProvider, outputPins, logger, inputs, relays, leds, supervisor);
    }

    /// <summary>Finds an input by name; null when there is none.</summary>
    public GpioInput? FindInput(string name) => Inputs.FirstOrDefault(input => string.Equals(input.Name, name, StringComparison.Ordinal));

    /// <summary>Finds a relay by name; null when there is none.</summary>
    public Relay? FindRelay(string name) => Relays.FirstOrDefault(relay => string.Equals(relay.Name, name, StringComparison.Ordinal));

    /// <summary>Finds an LED by name; null when there is none.</summary>
    public StatusLed? FindLed(string name) => Leds.FirstOrDefault(led => string.Equals(led.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// Simulation only: the virtual hand presses <paramref name="input"/> (drives its line to the active level) and
    /// lets go after <paramref name="holdTime"/>, so the press runs through the driver, the debouncer and the events
    /// like a real one. Returns false when the GPIO chip is not simulated.
    /// </summary>
    public bool PressVirtually(GpioInput input, TimeSpan holdTime)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_simulation is not { } simulation)
        {
            return false;
        }

        var pin = input.Pin;
        simulation.DriveInput(pin.Pin, pin.ActiveLow ? PinValue.Low : PinValue.High);
        ITimer? release = null;
        release = _timeProvider.CreateTimer(
            _ =>
            {
                simulation.ReleaseInput(pin.Pin);
                release?.Dispose();
            },
            null, holdTime, Timeout.InfiniteTimeSpan);
        return true;
    }

    /// <summary>A snapshot of every input, relay and LED.</summary>
    public HardwareStatus GetStatus()
    {
        var inputs = new InputStatus[Inputs.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var input = Inputs[i];
            inputs[i] = new InputStatus(input.Name, input.Kind, input.Pin.Pin, input.IsActive, input.ActivationCount, input.RejectedCount);
        }

        var relays = new RelayStatus[Relays.Count];
        for (var i = 0; i < relays.Length; i++)
        {
            var relay = Relays[i];
            relays[i] = new RelayStatus(relay.Name, relay.Output.Pin.Pin, relay.Output.Pin.ActiveLow, relay.Output.ReadIsOn(), relay.PulseCount);
        }

        var leds = new LedStatus[Leds.Count];
        for (var i = 0; i < leds.Length; i++)
        {
            leds[i] = new LedStatus(Leds[i].Name, Leds[i].Output.Pin.Pin, Leds[i].State);
        }

        return new HardwareStatus(inputs, relays, leds);
    }

    private void OnInputChanged(object? sender, InputChangedEventArgs args) => InputChanged?.Invoke(this, args);

    private static ResolvedPin Resolve(ResolvedPin? pin, string name) =>
        pin ?? throw new ArgumentException($"{name} has no pin; validate the options first");

    private static void DisposeAll(List<GpioInput> inputs, List<Relay> relays, List<StatusLed> leds)
    {
        foreach (var input in inputs)
        {
            input.Dispose();
        }

        foreach (var relay in relays)
        {
            relay.Dispose();
        }

        foreach (var led in leds)
        {
            led.Dispose();
        }
    }

    /// <summary>Stops the supervisor, closes the inputs and drives every output off.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Supervisor.Dispose();
        foreach (var input in Inputs)
        {
            input.Changed -= OnInputChanged;
        }

        DisposeAll([.. Inputs], [.. Relays], [.. Leds]);
        OutputSafety.DriveAllOff(_controller, _outputPins);
        HardwareLog.OutputsSafe(_logger, _outputPins.Count);
    }
}
