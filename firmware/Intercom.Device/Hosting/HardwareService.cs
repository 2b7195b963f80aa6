using Intercom.Station.Configuration;
using Intercom.Station.Health;
using Intercom.Hardware;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Intercom.Device.Hosting;

/// <summary>
/// Owns the door hardware for the life of the host: built (outputs off first) when the host starts, driven off and
/// closed when it stops. The relay supervisor reports into the health registry as <c>relay-supervisor</c>.
/// </summary>
public sealed class HardwareService : IHostedService, IDisposable
{
    /// <summary>The relay supervisor polls every 100 ms; two seconds without a poll means its timer is dead.</summary>
    public static readonly TimeSpan SupervisorMaximumAge = TimeSpan.FromSeconds(2);

    private readonly GpioSession _gpio;
    private readonly ConfigurationStore _configuration;
    private readonly HealthRegistry _health;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<HardwareService> _logger;
    private DoorHardware? _hardware;
    private LivenessProbe? _probe;

    /// <summary>Creates the service over an opened GPIO session.</summary>
    public HardwareService(
        GpioSession gpio, ConfigurationStore configuration, HealthRegistry health, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _gpio = gpio;
        _configuration = configuration;
        _health = health;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<HardwareService>();
    }

    /// <summary>The running hardware.</summary>
    public DoorHardware Hardware => _hardware ?? throw new InvalidOperationException("the hardware service has not started");

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _probe = _health.Register("relay-supervisor", SupervisorMaximumAge);
        _hardware = DoorHardware.Create(
            _configuration.Current.Hardware, _gpio.Controller, _gpio.Simulation, _timeProvider, _loggerFactory, _probe.ReportAlive);
        _configuration.Changed += OnConfigurationChanged;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _configuration.Changed -= OnConfigurationChanged;
        if (_probe is not null)
        {
            _health.Unregister(_probe);
        }

        _hardware?.Dispose();
        return Task.CompletedTask;
    }

    private void OnConfigurationChanged(object? sender, ConfigurationChangedEventArgs args)
    {
        if (!ConfigurationFile.SameHardware(args.Previous.Hardware, args.Current.Hardware))
        {
            DeviceLog.HardwareRestartNeeded(_logger);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _hardware?.Dispose();
}
