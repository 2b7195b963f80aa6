using System.Device.Gpio;

namespace Intercom.Hardware.Gpio;

/// <summary>
/// A GPIO chip in memory, so the real <see cref="GpioController"/> and everything above it run in tests and on a
/// laptop. Outputs latch what is written; inputs read what the simulated outside world drives
/// (<see cref="DriveInput"/>), else their bias level. Edge callbacks run on the thread that changed the level,
/// after the driver's lock is released.
/// </summary>
public sealed class SimulatedGpioDriver : GpioDriver
{
    private readonly Lock _gate = new();
    private readonly SimulatedLine[] _lines;

    /// <summary>Creates a chip with <paramref name="lineCount"/> lines (the Pi's header chip has 54 or more).</summary>
    public SimulatedGpioDriver(int lineCount = 54)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lineCount);
        _lines = new SimulatedLine[lineCount];
        for (var i = 0; i < lineCount; i++)
        {
            _lines[i] = new SimulatedLine();
        }
    }

    /// <inheritdoc />
    protected override int PinCount => _lines.Length;

    /// <summary>Number of <see cref="Write(int, PinValue)"/> calls so far, on all lines.</summary>
    public long WriteCount { get; private set; }

    /// <inheritdoc />
    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            var line = Line(pinNumber);
            if (line.IsOpen)
            {
                throw new InvalidOperationException($"GPIO {pinNumber} is already open");
            }

            line.IsOpen = true;
            line.Mode = PinMode.Input;
        }
    }

    /// <inheritdoc />
    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            var line = Line(pinNumber);
            line.IsOpen = false;
            line.Callbacks.Clear();
        }
    }

    /// <inheritdoc />
    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        Action? notify;
        lock (_gate)
        {
            var line = OpenLine(pinNumber);
            var before = line.Level;
            line.Mode = mode;
            notify = CollectEdge(pinNumber, line, before);
        }

        notify?.Invoke();
    }

    /// <inheritdoc />
    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
        // Latch first, then switch direction: the line never shows a stale level (as the character device does).
        lock (_gate)
        {
            OpenLine(pinNumber).Latch = initialValue;
        }

        SetPinMode(pinNumber, mode);
    }

    /// <inheritdoc />
    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            return OpenLine(pinNumber).Mode;
        }
    }

    /// <inheritdoc />
    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.Output or PinMode.InputPullUp or PinMode.InputPullDown;

    /// <inheritdoc />
    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            return OpenLine(pinNumber).Level;
        }
    }

    /// <inheritdoc />
    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate)
        {
            var line = OpenLine(pinNumber);
            if (line.Mode != PinMode.Output)
            {
                throw new InvalidOperationException($"GPIO {pinNumber} is not an output");
            }

            line.Latch = value;
            WriteCount++;
        }
    }

    /// <inheritdoc />
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        var edge = new TaskCompletionSource<PinEventTypes>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnEdge(object sender, PinValueChangedEventArgs args) => edge.TrySetResult(args.ChangeType);
        AddCallbackForPinValueChangedEvent(pinNumber, eventTypes, OnEdge);
        try
        {
            edge.Task.Wait(cancellationToken);
            return new WaitForEventResult { EventTypes = edge.Task.Result, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
        finally
        {
            RemoveCallbackForPinValueChangedEvent(pinNumber, OnEdge);
        }
    }

    /// <inheritdoc />
    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            OpenLine(pinNumber).Callbacks.Add((eventTypes, callback));
        }
    }

    /// <inheritdoc />
    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            OpenLine(pinNumber).Callbacks.RemoveAll(entry => entry.Callback == callback);
        }
    }

    /// <summary>The simulated outside world drives a line (a button closes, a contact opens).</summary>
    public void DriveInput(int pinNumber, PinValue level) => SetExternalLevel(pinNumber, level);

    /// <summary>The outside world stops driving a line; it floats to its bias level.</summary>
    public void ReleaseInput(int pinNumber) => SetExternalLevel(pinNumber, null);

    /// <summary>The level a line shows now (open or not): the latch for outputs, else the input level.</summary>
    public PinValue PeekLevel(int pinNumber)
    {
        lock (_gate)
        {
            return Line(pinNumber).Level;
        }
    }

    private void SetExternalLevel(int pinNumber, PinValue? level)
    {
        Action? notify;
        lock (_gate)
        {
            var line = Line(pinNumber);
            var before = line.Level;
            line.External = level;
            notify = CollectEdge(pinNumber, line, before);
        }

        notify?.Invoke();
    }

    private Action? CollectEdge(int pinNumber, SimulatedLine line, PinValue before)
    {
        var after = line.Level;
        if (line.Mode == PinMode.Output || before == after || line.Callbacks.Count == 0)
        {
            return null;
        }

        var change = after == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
        var targets = line.Callbacks.Where(entry => (entry.EventTypes & change) != 0).Select(entry => entry.Callback).ToArray();
        if (targets.Length == 0)
        {
            return null;
        }

        var args = new PinValueChangedEventArgs(change, pinNumber);
        return () =>
        {
            foreach (var target in targets)
            {
                target(this, args);
            }
        };
    }

    private SimulatedLine Line(int pinNumber)
    {
        if ((uint)pinNumber >= (uint)_lines.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(pinNumber), pinNumber, $"the simulated chip has lines 0 to {_lines.Length - 1}");
        }

        return _lines[pinNumber];
    }

    private SimulatedLine OpenLine(int pinNumber)
    {
        var line = Line(pinNumber);
        if (!line.IsOpen)
        {
            throw new InvalidOperationException($"GPIO {pinNumber} is not open");
        }

        return line;
    }

    private sealed class SimulatedLine
    {
        public bool IsOpen { get; set; }

        public PinMode Mode { get; set; } = PinMode.Input;

        public PinValue Latch { get; set; } = PinValue.Low;

        public PinValue? External { get; set; }

        public List<(PinEventTypes EventTypes, PinChangeEventHandler Callback)> Callbacks { get; } = [];

        public PinValue Level => Mode switch
        {
            PinMode.Output => Latch,
            _ when External is PinValue driven => driven,
            PinMode.InputPullUp => PinValue.High,
            _ => PinValue.Low,
        };
    }
}
