using Intercom.Station.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Intercom.Device.Systemd;

/// <summary>
/// Feeds the systemd service watchdog: <c>WATCHDOG=1</c> every half timeout, but only while every liveness probe
/// is fresh. A hung SIP loop or audio thread thus stops the pings and systemd restarts the service
/// (Microsoft.Extensions.Hosting.Systemd never sends <c>WATCHDOG=1</c>).
/// </summary>
public sealed class SystemdWatchdogService : BackgroundService
{
    private readonly SystemdNotifier? _notifier;
    private readonly TimeSpan? _timeout;
    private readonly HealthRegistry _health;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SystemdWatchdogService> _logger;
    private bool _withheld;
    private bool _notifyFailing;

    /// <summary>Creates the service; it does nothing when <paramref name="notifier"/> or <paramref name="timeout"/> is null.</summary>
    public SystemdWatchdogService(
        SystemdNotifier? notifier, TimeSpan? timeout, HealthRegistry health, TimeProvider timeProvider, ILogger<SystemdWatchdogService> logger)
    {
        _notifier = notifier;
        _timeout = timeout;
        _health = health;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    private long _tickCount;

    /// <summary>Pings sent.</summary>
    public long PingCount { get; private set; }

    /// <summary>Ticks evaluated, healthy or not (tests wait on it).</summary>
    internal long TickCount => Interlocked.Read(ref _tickCount);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_notifier is null || _timeout is not TimeSpan timeout)
        {
            return;
        }

        var interval = SystemdWatchdogSettings.PingInterval(timeout);
        DeviceLog.WatchdogEnabled(_logger, timeout.TotalMilliseconds, interval.TotalMilliseconds);
        using var timer = new PeriodicTimer(interval, _timeProvider);
        try
        {
            do
            {
                Tick(_notifier);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private void Tick(SystemdNotifier notifier)
    {
        try
        {
            TickCore(notifier);
        }
        finally
        {
            Interlocked.Increment(ref _tickCount);
        }
    }

    private void TickCore(SystemdNotifier notifier)
    {
        try
        {
            var report = _health.Evaluate();
            if (!report.Healthy)
            {
                DeviceMetrics.WatchdogWithheld.Add(1);
                if (!_withheld)
                {
                    // Logged once per unhealthy spell, not on every tick.
                    var stale = string.Join(", ", report.Probes.Where(p => !p.Fresh).Select(p => $"{p.Name} ({p.Age.TotalMilliseconds:F0} ms old)"));
                    DeviceLog.WatchdogWithheld(_logger, stale);
                    _withheld = true;
                }

                return;
            }

            if (_withheld)
            {
                DeviceLog.WatchdogResumed(_logger);
                _withheld = false;
            }

            if (notifier.TryNotify("WATCHDOG=1", out var error))
            {
                PingCount++;
                DeviceMetrics.WatchdogPings.Add(1);
                _notifyFailing = false;
            }
            else if (!_notifyFailing)
            {
                // Logged once per failing spell; systemd notices the missing pings by itself.
                DeviceLog.SystemdNotifyFailed(_logger, notifier.SocketAddress, error!);
                _notifyFailing = true;
            }
        }
#pragma warning disable CA1031 // The watchdog loop logs and goes on; a missed ping is what systemd watches for.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            DeviceLog.WatchdogTickFailed(_logger, exception);
        }
    }
}
