using Microsoft.Extensions.Logging;

namespace Intercom.Hardware.Outputs;

/// <summary>
/// An independent guard on relay on-time. On its own timer it reads every relay's line back from the driver (not
/// the relay's own state) and forces off any line that has been on longer than that relay's maximum on-time, however
/// it got there: a lost pulse timer, a bug, a stuck command. Each poll also reports liveness to the health registry.
/// </summary>
public sealed class RelaySupervisor : IDisposable
{
    /// <summary>How often lines are read back: the worst-case overshoot past the maximum on-time.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(100);

    private readonly IReadOnlyList<Relay> _relays;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Action? _reportAlive;
    private readonly long?[] _onSince;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private long _forcedOffCount;

    /// <summary>Starts supervising <paramref name="relays"/> every <paramref name="pollInterval"/>.</summary>
    public RelaySupervisor(IReadOnlyList<Relay> relays, TimeProvider timeProvider, ILogger logger, TimeSpan pollInterval, Action? reportAlive = null)
    {
        ArgumentNullException.ThrowIfNull(relays);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        _relays = relays;
        _timeProvider = timeProvider;
        _logger = logger;
        _reportAlive = reportAlive;
        _onSince = new long?[relays.Count];
        _timer = timeProvider.CreateTimer(static state => ((RelaySupervisor)state!).Poll(), this, pollInterval, pollInterval);
    }

    /// <summary>Relays forced off since start.</summary>
    public long ForcedOffCount => Interlocked.Read(ref _forcedOffCount);

    /// <summary>Reads every line once and enforces the limits (the timer calls this; public for tests and probes).</summary>
    public void Poll()
    {
        lock (_gate)
        {
            var now = _timeProvider.GetTimestamp();
            for (var i = 0; i < _relays.Count; i++)
            {
                var relay = _relays[i];
                try
                {
                    if (!relay.Output.ReadIsOn())
                    {
                        _onSince[i] = null;
                        continue;
                    }

                    _onSince[i] ??= now;
                    var onFor = _timeProvider.GetElapsedTime(_onSince[i]!.Value, now);
                    if (onFor >= relay.MaximumOnTime)
                    {
                        relay.SwitchOff();
                        relay.Output.Set(false);
                        _onSince[i] = null;
                        Interlocked.Increment(ref _forcedOffCount);
                        HardwareMetrics.SupervisorForcedOff.Add(1);
                        HardwareLog.SupervisorForcedOff(_logger, relay.Name, onFor.TotalMilliseconds, relay.MaximumOnTime.TotalMilliseconds);
                    }
                }
                catch (ObjectDisposedException)
                {
                    // Shutting down: the relay drove itself off when disposed.
                }
#pragma warning disable CA1031 // The supervisor loop logs, counts and goes on.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    HardwareMetrics.SupervisorErrors.Add(1);
                    HardwareLog.SupervisorFailed(_logger, relay.Name, exception);
                }
            }
        }

        _reportAlive?.Invoke();
    }

    /// <inheritdoc />
    public void Dispose() => _timer.Dispose();
}
