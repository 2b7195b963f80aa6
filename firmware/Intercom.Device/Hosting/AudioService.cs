using System.Text.Json;
using Intercom.Audio;
using Intercom.Audio.Dsp;
using Intercom.Audio.Engine;
using Intercom.Station.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Intercom.Device.Hosting;

/// <summary>
/// Runs the audio engine for the life of the host, so the web page's level meters, test tone and loopback test work
/// before the door station exists. Mic gain and speaker volume changes apply at once; any other audio change
/// restarts the engine. Until a call takes the capture ring, a timer empties it so nothing counts as an overflow.
/// The door station takes the engine over from here when it lands.
/// </summary>
public sealed class AudioService : IHostedService, IDisposable
{
    /// <summary>How often the idle capture ring is emptied (the ring holds 40 ms or more).</summary>
    public static readonly TimeSpan IdleDrainInterval = TimeSpan.FromMilliseconds(20);

    private readonly Lock _gate = new();
    private readonly ConfigurationStore _configuration;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<AudioService> _logger;
    private AudioEngine? _engine;
    private ITimer? _drainTimer;

    /// <summary>Creates the service.</summary>
    public AudioService(ConfigurationStore configuration, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _configuration = configuration;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<AudioService>();
    }

    /// <summary>The running engine; null before start or after stop.</summary>
    public AudioEngine? Engine => Volatile.Read(ref _engine);

    /// <summary>The running audio options.</summary>
    public AudioOptions Options => _configuration.Current.Audio;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            StartEngine(_configuration.Current.Audio);
        }

        _configuration.Changed += OnConfigurationChanged;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _configuration.Changed -= OnConfigurationChanged;
        lock (_gate)
        {
            StopEngine();
        }

        return Task.CompletedTask;
    }

    /// <summary>Plays <paramref name="tone"/>; false when no engine runs.</summary>
    public bool PlayTone(AudioTone tone)
    {
        var engine = Engine;
        engine?.PlayTone(tone);
        return engine is not null;
    }

    private void OnConfigurationChanged(object? sender, ConfigurationChangedEventArgs args)
    {
        var before = args.Previous.Audio;
        var after = args.Current.Audio;
        lock (_gate)
        {
            if (SameExceptGains(before, after))
            {
                if (_engine is { } engine)
                {
                    engine.MicrophoneGainDb = after.MicrophoneGainDb;
                    engine.SpeakerVolumePercent = after.SpeakerVolumePercent;
                }

                return;
            }

            DeviceLog.AudioRestarting(_logger);
            StopEngine();
            StartEngine(after);
        }
    }

    private void StartEngine(AudioOptions options)
    {
        var device = AudioDeviceFactory.Create(options, out var warning);
        if (warning is not null)
        {
            DeviceLog.AudioWarning(_logger, warning);
        }

        var engine = new AudioEngine(options, device, Intercom.Audio.Processing.CaptureProcessorFactory.Create(options), _timeProvider, _loggerFactory.CreateLogger<AudioEngine>());
        engine.Start();
        Volatile.Write(ref _engine, engine);
        _drainTimer = _timeProvider.CreateTimer(static state => ((AudioEngine)state!).CaptureRing.Clear(), engine, IdleDrainInterval, IdleDrainInterval);
    }

    private void StopEngine()
    {
        _drainTimer?.Dispose();
        _drainTimer = null;
        var engine = Interlocked.Exchange(ref _engine, null);
        engine?.Dispose();
    }

    private static bool SameExceptGains(AudioOptions left, AudioOptions right)
    {
        static byte[] Without(AudioOptions options)
        {
            var node = JsonSerializer.SerializeToNode(options, ConfigurationJsonContext.Default.AudioOptions)!.AsObject();
            node.Remove("microphoneGainDb");
            node.Remove("speakerVolumePercent");
            return System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
        }

        return Without(left).AsSpan().SequenceEqual(Without(right));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            StopEngine();
        }
    }
}
