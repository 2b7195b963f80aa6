using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Intercom.Device.Systemd;

/// <summary>
/// Tells systemd <c>READY=1</c> once the host has started (hardware up, HTTP bound) and <c>STOPPING=1</c> as soon as
/// shutdown begins. Microsoft.Extensions.Hosting.Systemd does this only when its parent is systemd; this one
/// answers whoever set <c>$NOTIFY_SOCKET</c>, so tests and the start-up measurement can listen too.
/// </summary>
public sealed class SystemdLifecycleService : IHostedService, IDisposable
{
    private readonly SystemdNotifier? _notifier;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<SystemdLifecycleService> _logger;
    private readonly List<CancellationTokenRegistration> _registrations = [];

    /// <summary>Creates the service; <paramref name="notifier"/> is null outside systemd.</summary>
    public SystemdLifecycleService(SystemdNotifier? notifier, IHostApplicationLifetime lifetime, ILogger<SystemdLifecycleService> logger)
    {
        _notifier = notifier;
        _lifetime = lifetime;
        _logger = logger;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_notifier is not null)
        {
            _registrations.Add(_lifetime.ApplicationStarted.Register(() => Send("READY=1\nSTATUS=Running")));
            _registrations.Add(_lifetime.ApplicationStopping.Register(() => Send("STOPPING=1\nSTATUS=Stopping")));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Send(string state)
    {
        if (_notifier!.TryNotify(state, out var error))
        {
            DeviceLog.SystemdNotified(_logger, state.Split('\n')[0]);
        }
        else
        {
            DeviceLog.SystemdNotifyFailed(_logger, _notifier.SocketAddress, error!);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
