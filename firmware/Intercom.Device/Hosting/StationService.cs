using Intercom.Audio.Engine;
using Intercom.Audio.Processing;
using Intercom.Station.Configuration;
using Intercom.Station.Health;
using Intercom.Station.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Intercom.Device.Hosting;

/// <summary>
/// Owns the audio engine and the door station (SIP user agent, calls, call log) for the life of the host; starts
/// after <see cref="HardwareService"/>. The audio thread reports into the health registry as <c>audio-thread</c>.
/// </summary>
public sealed class StationService : IHostedService, IAsyncDisposable
{
    /// <summary>The audio thread counts as stuck after this long without a frame.</summary>
    public static readonly TimeSpan AudioMaximumAge = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan AudioCheckInterval = TimeSpan.FromMilliseconds(500);

    private readonly HardwareService _hardware;
    private readonly ConfigurationStore _configuration;
    private readonly HealthRegistry _health;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private AudioEngine? _engine;
    private DoorStationRuntime? _runtime;
    private LivenessProbe? _audioProbe;
    private ITimer? _audioCheck;

    /// <summary>Creates the service; nothing runs until the host starts it.</summary>
    public StationService(HardwareService hardware, ConfigurationStore configuration, HealthRegistry health, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        _hardware = hardware;
        _configuration = configuration;
        _health = health;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
    }

    /// <summary>The running station.</summary>
    public DoorStationRuntime Runtime => _runtime ?? throw new InvalidOperationException("the station service has not started");

    /// <summary>The running station, or null before start.</summary>
    public DoorStationRuntime? RuntimeOrNull => _runtime;

    /// <summary>The audio engine, or null before start.</summary>
    public AudioEngine? Engine => _engine;

    /// <summary>The state directory: <c>storage.stateDirectory</c>, relative paths taken from the configuration file's folder.</summary>
    public static string StateDirectory(string configurationPath, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var folder = Path.GetDirectoryName(Path.GetFullPath(configurationPath)) ?? ".";
        return Path.GetFullPath(storage.StateDirectory, folder);
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = _configuration.Current;
        var device = AudioDeviceFactory.Create(options.Audio, out var warning);
        if (warning is not null)
        {
            StationServiceLog.AudioWarning(_loggerFactory.CreateLogger<StationService>(), warning);
        }

        _engine = new AudioEngine(options.Audio, device, CaptureProcessorFactory.Create(options.Audio), _timeProvider, _loggerFactory.CreateLogger<AudioEngine>());
        _engine.Start();
        _audioProbe = _health.Register("audio-thread", AudioMaximumAge);
        _audioCheck = _timeProvider.CreateTimer(_ => ReportAudio(), null, AudioCheckInterval, AudioCheckInterval);
        _runtime = await DoorStationRuntime.StartAsync(
            options, StateDirectory(_configuration.Path, options.Storage), _hardware.Hardware, _engine, _timeProvider, _loggerFactory, cancellationToken).ConfigureAwait(false);
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

        if (_runtime is not null)
        {
            await _runtime.DisposeAsync().ConfigureAwait(false);
            _runtime = null;
        }

        _engine?.Dispose();
        _engine = null;
    }

    private void ReportAudio()
    {
        // The engine marks itself alive on every frame; the probe passes that on while it is recent.
        if (_engine is { } engine && engine.TimeSinceAlive < AudioMaximumAge)
        {
            _audioProbe?.ReportAlive();
        }
    }

    private void OnConfigurationChanged(object? sender, ConfigurationChangedEventArgs args) => _runtime?.Station.UpdateOptions(args.Current.Station);
}
