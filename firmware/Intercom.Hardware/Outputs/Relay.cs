using Intercom.Hardware.Configuration;
using Microsoft.Extensions.Logging;

namespace Intercom.Hardware.Outputs;

/// <summary>
/// A relay (door strike, gate, light) with a pulse time and a maximum on-time. A pulse longer than the maximum is
/// clamped. The <see cref="RelaySupervisor"/> watches the line independently and forces it off if it stays on too long.
/// </summary>
public sealed class Relay : IDisposable
{
    private readonly Lock _gate = new();
    private readonly GpioOutput _output;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ITimer _offTimer;
    private bool _on;
    private long _pulseCount;
    private bool _disposed;

    /// <summary>Creates a relay over an output that is already at its off level.</summary>
    public Relay(RelayOptions options, GpioOutput output, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        Name = options.Name;
        Mode = options.Mode;
        PulseDuration = options.PulseDuration;
        MaximumOnTime = options.MaximumOnTime;
        _output = output;
        _timeProvider = timeProvider;
        _logger = logger;
        _offTimer = timeProvider.CreateTimer(static state => ((Relay)state!).OnPulseEnd(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The configured name.</summary>
    public string Name { get; }

    /// <summary>Monostable or bistable.</summary>
    public RelayMode Mode { get; }

    /// <summary>The default pulse length.</summary>
    public TimeSpan PulseDuration { get; }

    /// <summary>The hard limit on continuous on-time.</summary>
    public TimeSpan MaximumOnTime { get; }

    /// <summary>The output line this relay drives.</summary>
    public GpioOutput Output => _output;

    /// <summary>Whether the relay is switched on by this object's last command.</summary>
    public bool IsOn
    {
        get
        {
            lock (_gate)
            {
                return _on;
            }
        }
    }

    /// <summary>Pulses started since start.</summary>
    public long PulseCount => Interlocked.Read(ref _pulseCount);

    /// <summary>
    /// Switches on for <paramref name="duration"/> (default <see cref="PulseDuration"/>), clamped to
    /// <see cref="MaximumOnTime"/>; a pulse while on restarts the pulse. Returns the duration used.
    /// </summary>
    public TimeSpan Pulse(TimeSpan? duration = null)
    {
        var requested = duration ?? PulseDuration;
        var used = requested > MaximumOnTime ? MaximumOnTime : requested;
        if (used <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "a pulse lasts longer than zero");
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _output.Set(true);
            _on = true;
            _offTimer.Change(used, Timeout.InfiniteTimeSpan);
        }

        Interlocked.Increment(ref _pulseCount);
        HardwareMetrics.RelayPulses.Add(1);
        if (used != requested)
        {
            HardwareLog.PulseClamped(_logger, Name, requested.TotalMilliseconds, used.TotalMilliseconds);
        }

        HardwareLog.RelayPulsed(_logger, Name, used.TotalMilliseconds);
        return used;
    }

    /// <summary>
    /// Answers a trigger by the configured mode: monostable pulses; bistable toggles (its on state still ends at
    /// <see cref="MaximumOnTime"/>). Returns true when the relay is on afterwards.
    /// </summary>
    public bool Trigger()
    {
        if (Mode == RelayMode.Monostable)
        {
            Pulse();
            return true;
        }

        if (IsOn)
        {
            SwitchOff();
            return false;
        }

        Pulse(MaximumOnTime);
        return true;
    }

    /// <summary>Switches off now.</summary>
    public void SwitchOff()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _offTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _output.Set(false);
            _on = false;
        }

        HardwareLog.RelayOff(_logger, Name);
    }

    private void OnPulseEnd()
    {
        try
        {
            SwitchOff();
        }
#pragma warning disable CA1031 // A timer callback must not throw; the supervisor still guards the line.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            HardwareLog.RelayOffFailed(_logger, Name, exception);
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
            _offTimer.Dispose();
            _on = false;
            _output.Dispose();
        }
    }
}
