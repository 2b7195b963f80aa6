namespace Intercom.Hardware.Outputs;

/// <summary>A status LED: off, on or blinking on a <see cref="TimeProvider"/> timer.</summary>
public sealed class StatusLed : IDisposable
{
    private readonly Lock _gate = new();
    private readonly GpioOutput _output;
    private readonly ITimer _blinkTimer;
    private bool _lit;
    private bool _disposed;

    /// <summary>Creates an LED over an output that is already at its off level.</summary>
    public StatusLed(string name, GpioOutput output, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Name = name;
        _output = output;
        _blinkTimer = timeProvider.CreateTimer(static state => ((StatusLed)state!).OnBlink(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The configured name.</summary>
    public string Name { get; }

    /// <summary>What the LED shows.</summary>
    public LedState State { get; private set; }

    /// <summary>The output line.</summary>
    public GpioOutput Output => _output;

    /// <summary>Switches the LED steadily on or off.</summary>
    public void Set(bool on)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _blinkTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _lit = on;
            _output.Set(on);
            State = on ? LedState.On : LedState.Off;
        }
    }

    /// <summary>Blinks, lit for half of <paramref name="period"/>.</summary>
    public void Blink(TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _lit = true;
            _output.Set(true);
            State = LedState.Blinking;
            _blinkTimer.Change(period / 2, period / 2);
        }
    }

    private void OnBlink()
    {
        lock (_gate)
        {
            if (_disposed || State != LedState.Blinking)
            {
                return;
            }

            _lit = !_lit;
            _output.Set(_lit);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _blinkTimer.Dispose();
            _output.Dispose();
        }
    }
}
