using Intercom.Station.Configuration;
using Intercom.Station.Health;
using Intercom.Station.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Intercom.Device.Hosting;

/// <summary>
/// Owns the door station (SIP user agent, calls, call log, tamper lockout) for the life of the host; starts after
/// <see cref="HardwareService"/> and <see cref="AudioService"/>, whose capture ring it takes over. The audio thread
/// reports into the health registry as <c>audio-thread</c>.
/// </summary>
public sealed class StationService : IHostedService, IAsyncDisposable
{
    /// <summary>The audio thread counts as stuck after this long without a frame.</summary>
    public static readonly TimeSpan AudioMaximumAge = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan AudioCheckInterval = TimeSpan.FromMilliseconds(500);

    private readonly HardwareService _hardware;
    private readonly AudioService _audio;
    private readonly ConfigurationStore _configuration;
    private readonly HealthRegistry _health;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private DoorStationRuntime? _runtime;
    private LivenessProbe? _audioProbe;
    private ITimer? _audioCheck;

    /// <summary>Creates the service; nothing runs until the host starts it.</summary>
    public StationService(HardwareService hardware, AudioService audio, ConfigurationStore configuration, HealthRegistry health, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        _hardware = hardware;
        _audio = audio;
        _configuration = configuration;
        _health = health;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
    }

    /// <summary>The running station, or null before start and after stop.</summary>
    public DoorStationRuntime? Runtime => Volatile.Read(ref _runtime);

    /// <summary>Raised when the station's state or a registration changed (the web dashboard refreshes).</summary>
    public event EventHandler? Changed;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = _configuration.Current;
        _audioProbe = _health.Register("audio-thread", AudioMaximumAge);
        _audioCheck = _timeProvider.CreateTimer(_ => ReportAudio(), null, AudioCheckInterval, AudioCheckInterval);
        var runtime = await DoorStationRuntime.StartAsync(
            options, options.Storage.ResolveStateDirectory(_configuration.Path), _hardware.Hardware, () => _audio.Engine, _timeProvider, _loggerFactory, cancellationToken)
            .ConfigureAwait(false);
        _audio.ShareCaptureRing(() => runtime.Audio.InUse);
        runtime.Station.StatusChanged += OnStationChanged;
        foreach (var account in runtime.Agent.Accounts)
        {
            account.StatusChanged += OnRegistrationChanged;
        }

        Volatile.Write(ref _runtime, runtime);
        _configuration.Changed += OnConfigurationChanged;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _configuration.Changed -= OnConfigurationChanged;
        await DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_audioCheck is not null)
        {
            await _audioCheck.DisposeAsync().ConfigureAwait(false);
            _audioCheck = null;
        }

        if (_audioProbe is not null)
        {
            _health.Unregister(_audioProbe);
            _audioProbe = null;
        }

        if (Interlocked.Exchange(ref _runtime, null) is { } runtime)
        {
            runtime.Station.StatusChanged -= OnStationChanged;
            await runtime.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void ReportAudio()
    {
        // The engine marks itself alive on every frame; the probe passes that on while it is recent.
        if (_audio.Engine is { } engine && engine.TimeSinceAlive < AudioMaximumAge)
        {
            _audioProbe?.ReportAlive();
        }
    }

    private void OnStationChanged(object? sender, Intercom.Station.Controller.DoorStationStatus status) => Changed?.Invoke(this, EventArgs.Empty);

    private void OnRegistrationChanged(object? sender, Intercom.Sip.UserAgent.SipRegistrationStatus status) => Changed?.Invoke(this, EventArgs.Empty);

    private void OnConfigurationChanged(object? sender, ConfigurationChangedEventArgs args) => Runtime?.Station.UpdateOptions(args.Current.Station);
}
