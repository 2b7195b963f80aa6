using System.Device.Gpio;
using Intercom.Hardware.Configuration;
using Microsoft.Extensions.Logging;

namespace Intercom.Hardware.Inputs;

/// <summary>
/// One wired input on a GPIO line: edges from the driver go through an <see cref="InputDebouncer"/>; every raw edge
/// is logged at debug level and every rejected press at information level, so phantom rings can be traced.
/// </summary>
public sealed class GpioInput : IDisposable
{
    private readonly GpioController _controller;
    private readonly InputDebouncer _debouncer;
    private readonly ILogger _logger;
    private long _activationCount;
    private long _rejectedCount;

    /// <summary>Opens the line as an input with its bias and starts listening for edges on both directions.</summary>
    public GpioInput(InputOptions options, ResolvedPin pin, GpioController controller, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(logger);
        Name = options.Name;
        Kind = options.Kind;
        Pin = pin;
        MinimumPressDuration = options.MinimumPressDuration;
        _controller = controller;
        _logger = logger;
        var mode = options.Bias switch
        {
            InputBias.PullUp => PinMode.InputPullUp,
            InputBias.PullDown => PinMode.InputPullDown,
            _ => PinMode.Input,
        };
        controller.OpenPin(pin.Pin, mode);
        _debouncer = new InputDebouncer(timeProvider, options.DebounceTime, options.MinimumPressDuration, IsActiveLevel(controller.Read(pin.Pin)));
        _debouncer.StateChanged += OnStateChanged;
        _debouncer.PressRejected += OnPressRejected;
        controller.RegisterCallbackForPinValueChangedEvent(pin.Pin, PinEventTypes.Rising | PinEventTypes.Falling, OnEdge);
    }

    /// <summary>The configured name.</summary>
    public string Name { get; }

    /// <summary>What the input means.</summary>
    public InputKind Kind { get; }

    /// <summary>The GPIO line and its active level.</summary>
    public ResolvedPin Pin { get; }

    /// <summary>Activity shorter than this does not count.</summary>
    public TimeSpan MinimumPressDuration { get; }

    /// <summary>The debounced state: pressed, open.</summary>
    public bool IsActive => _debouncer.IsActive;

    /// <summary>Debounced activations since start.</summary>
    public long ActivationCount => Interlocked.Read(ref _activationCount);

    /// <summary>Activity rejected as shorter than the minimum press duration since start.</summary>
    public long RejectedCount => Interlocked.Read(ref _rejectedCount);

    /// <summary>Raised on every debounced state change, after internal locks are released.</summary>
    public event EventHandler<InputChangedEventArgs>? Changed;

    private bool IsActiveLevel(PinValue level) => (level == PinValue.High) != Pin.ActiveLow;

    private void OnEdge(object sender, PinValueChangedEventArgs args)
    {
        var level = args.ChangeType == PinEventTypes.Rising ? PinValue.High : PinValue.Low;
        HardwareLog.RawEdge(_logger, Name, Pin.Pin, args.ChangeType);
        HardwareMetrics.InputEdges.Add(1);
        _debouncer.OnRawLevel(IsActiveLevel(level));
    }

    private void OnStateChanged(object? sender, DebouncedStateChangedEventArgs args)
    {
        if (args.Active)
        {
            Interlocked.Increment(ref _activationCount);
            HardwareMetrics.InputActivations.Add(1);
            HardwareLog.InputActivated(_logger, Name, Kind);
        }
        else
        {
            HardwareLog.InputReleased(_logger, Name, Kind, args.HeldFor.TotalMilliseconds);
        }

        try
        {
            Changed?.Invoke(this, new InputChangedEventArgs(Name, Kind, args.Active));
        }
#pragma warning disable CA1031 // A subscriber's bug must not stop the input: it is logged and the input goes on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            HardwareLog.SubscriberFailed(_logger, Name, exception);
        }
    }

    private void OnPressRejected(object? sender, RejectedPressEventArgs args)
    {
        Interlocked.Increment(ref _rejectedCount);
        HardwareMetrics.RejectedPresses.Add(1);
        HardwareLog.PressRejected(_logger, Name, args.HeldFor.TotalMilliseconds, args.EdgeCount);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _controller.UnregisterCallbackForPinValueChangedEvent(Pin.Pin, OnEdge);
        _debouncer.Dispose();
        _controller.ClosePin(Pin.Pin);
    }
}
