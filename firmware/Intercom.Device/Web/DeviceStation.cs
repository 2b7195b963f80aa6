using Intercom.Audio.Dsp;
using Intercom.Audio.Engine;
using Intercom.Device.Hosting;
using Intercom.Hardware.Inputs;
using Intercom.Station.Configuration;
using Intercom.Station.Health;
using Intercom.Web.Station;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Intercom.Device.Web;

/// <summary>
/// The web layer's view of the station and what it may do, wired over what runs today: the door hardware, the
/// audio engine, the health registry and the door station (SIP accounts, the current call). Hardware events go to
/// the recent-events log.
/// </summary>
public sealed class DeviceStation : IStationStatusSource, IStationActions, IHostedService, IDisposable
{
    /// <summary>The shortest virtual press; longer when the input's minimum press duration asks for it.</summary>
    public static readonly TimeSpan VirtualPressHold = TimeSpan.FromMilliseconds(250);

    /// <summary>How long the loopback test listens before the tone.</summary>
    public static readonly TimeSpan LoopbackQuietTime = TimeSpan.FromMilliseconds(300);

    /// <summary>How long the loopback test listens during the tone (after letting it settle).</summary>
    public static readonly TimeSpan LoopbackToneTime = TimeSpan.FromMilliseconds(600);

    /// <summary>The tone must lift the microphone by this much to count as heard.</summary>
    public const double HeardMarginDb = 6;

    private static readonly TimeSpan SamplePeriod = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan ToneSettleTime = TimeSpan.FromMilliseconds(200);

    private readonly HardwareService _hardware;
    private readonly AudioService _audio;
    private readonly StationService _station;
    private readonly HealthRegistry _health;
    private readonly ConfigurationStore _configuration;
    private readonly StationEventLog _events;
    private readonly TimeProvider _timeProvider;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<DeviceStation> _logger;
    private readonly long _startTimestamp;
    private readonly SemaphoreSlim _audioTestGate = new(1, 1);

    /// <summary>Creates the station view.</summary>
    public DeviceStation(
        HardwareService hardware, AudioService audio, StationService station, HealthRegistry health, ConfigurationStore configuration,
        StationEventLog events, TimeProvider timeProvider, IHostApplicationLifetime lifetime, ILogger<DeviceStation> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(station);
        _hardware = hardware;
        _audio = audio;
        _station = station;
        _health = health;
        _configuration = configuration;
        _events = events;
        _timeProvider = timeProvider;
        _lifetime = lifetime;
        _logger = logger;
        _startTimestamp = timeProvider.GetTimestamp();
    }

    /// <inheritdoc />
    public event EventHandler? Changed;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _hardware.Hardware.InputChanged += OnInputChanged;
        _station.Changed += OnStationChanged;
        _configuration.Changed += OnConfigurationChanged;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _hardware.Hardware.InputChanged -= OnInputChanged;
        _station.Changed -= OnStationChanged;
        _configuration.Changed -= OnConfigurationChanged;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public StationStatus GetStatus()
    {
        var report = _health.Evaluate();
        var probes = report.Probes
            .Select(p => new ProbeSummary(p.Name, p.Fresh, p.Age.TotalMilliseconds, p.MaximumAge.TotalMilliseconds))
            .ToArray();
        var hardware = _hardware.Hardware;
        var status = hardware.GetStatus();
        return new StationStatus(
            _timeProvider.GetElapsedTime(_startTimestamp).TotalSeconds, hardware.IsSimulated, new HealthSummary(report.Healthy, probes),
            status.Inputs, status.Relays, status.Leds, DoorStationView.Accounts(_station.Runtime), DoorStationView.Call(_station.Runtime, _timeProvider),
            AudioStatusOf(_audio.Engine), Warnings());
    }

    private string[] Warnings() => _configuration.Fallback is { } fallback ? [fallback.Warning] : [];

    /// <summary>A save ends the last-good state: the dashboard drops its warning.</summary>
    private void OnConfigurationChanged(object? sender, ConfigurationChangedEventArgs e) => RaiseChanged();

    /// <inheritdoc />
    public Task<ActionOutcome> PressInputAsync(string name, CancellationToken cancellationToken)
    {
        var hardware = _hardware.Hardware;
        var input = hardware.FindInput(name);
        if (input is null)
        {
            return Task.FromResult(new ActionOutcome(ActionStatus.NotFound, $"no input named \"{name}\""));
        }

        var hold = input.MinimumPressDuration + TimeSpan.FromMilliseconds(100);
        if (hold < VirtualPressHold)
        {
            hold = VirtualPressHold;
        }

        if (!hardware.PressVirtually(input, hold))
        {
            return Task.FromResult(new ActionOutcome(
                ActionStatus.Conflict, "virtual presses exist only with the simulated GPIO driver (hardware.gpio.driver = \"simulated\")"));
        }

        DeviceLog.VirtualPress(_logger, name, hold.TotalMilliseconds);
        return Task.FromResult(new ActionOutcome(ActionStatus.Accepted, $"{name} pressed for {hold.TotalMilliseconds:0} ms", hold.TotalMilliseconds));
    }

    /// <inheritdoc />
    public Task<ActionOutcome> PulseRelayAsync(string name, CancellationToken cancellationToken)
    {
        var relay = _hardware.Hardware.FindRelay(name);
        if (relay is null)
        {
            return Task.FromResult(new ActionOutcome(ActionStatus.NotFound, $"no relay named \"{name}\""));
        }

        DeviceLog.ApiPulse(_logger, name);
        var used = relay.Pulse();
        RaiseChanged();
        // The relay drops by its own timer; tell the dashboard just after.
        ITimer? ended = null;
        ended = _timeProvider.CreateTimer(
            _ =>
            {
                RaiseChanged();
                ended?.Dispose();
            },
            null, used + TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan);
        return Task.FromResult(new ActionOutcome(ActionStatus.Done, $"{name} on for {used.TotalSeconds:0.#} s", used.TotalMilliseconds));
    }

    /// <inheritdoc />
    public Task<ActionOutcome> PlayTestToneAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_audio.PlayTone(AudioTone.DoorOpened)
            ? new ActionOutcome(ActionStatus.Done, "the door chime plays on the loudspeaker")
            : new ActionOutcome(ActionStatus.Unavailable, "the audio engine is not running"));

    /// <inheritdoc />
    public async Task<LoopbackTestResult> RunLoopbackTestAsync(CancellationToken cancellationToken)
    {
        if (_audio.Engine is not { } engine)
        {
            return new LoopbackTestResult(ActionStatus.Unavailable, false, "the audio engine is not running", 0, 0, 0, 0);
        }

        if (!await _audioTestGate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return new LoopbackTestResult(ActionStatus.Conflict, false, "a loopback test is already running", 0, 0, 0, 0);
        }

        try
        {
            var quiet = await MeasureAsync(engine, LoopbackQuietTime, cancellationToken).ConfigureAwait(false);
            engine.PlayTone(AudioTone.Ringback);
            try
            {
                await Task.Delay(ToneSettleTime, _timeProvider, cancellationToken).ConfigureAwait(false);
                var tone = await MeasureAsync(engine, LoopbackToneTime, cancellationToken).ConfigureAwait(false);
                var lift = tone.MicrophoneDbfs - quiet.MicrophoneDbfs;
                var heard = lift >= HeardMarginDb && tone.SpeakerDbfs > LevelMeter.SilenceDbfs + 1;
                var message = heard
                    ? $"heard: the microphone picks the loudspeaker up at {tone.MicrophoneDbfs:0} dBFS, {lift:0} dB above the room; after processing {tone.ProcessedDbfs:0} dBFS"
                    : tone.SpeakerDbfs <= LevelMeter.SilenceDbfs + 1
                        ? "not heard: the loudspeaker played nothing; raise the volume"
                        : $"not heard: the microphone stayed at {tone.MicrophoneDbfs:0} dBFS ({lift:0} dB change); check the microphone, its wiring and gain";
                return new LoopbackTestResult(ActionStatus.Done, heard, message, quiet.MicrophoneDbfs, tone.MicrophoneDbfs, tone.ProcessedDbfs, tone.SpeakerDbfs);
            }
            finally
            {
                engine.StopTone();
            }
        }
        finally
        {
            _audioTestGate.Release();
        }
    }

    /// <inheritdoc />
    public void RequestRestart()
    {
        DeviceLog.RestartRequested(_logger);
        _lifetime.StopApplication();
    }

    private async Task<AudioLevels> MeasureAsync(AudioEngine engine, TimeSpan duration, CancellationToken cancellationToken)
    {
        // Levels are averaged as power, then turned back into dB.
        double microphone = 0, processed = 0, speaker = 0;
        var samples = 0;
        var start = _timeProvider.GetTimestamp();
        while (_timeProvider.GetElapsedTime(start) < duration)
        {
            await Task.Delay(SamplePeriod, _timeProvider, cancellationToken).ConfigureAwait(false);
            var levels = engine.GetLevels();
            microphone += Math.Pow(10, levels.MicrophoneDbfs / 10);
            processed += Math.Pow(10, levels.ProcessedDbfs / 10);
            speaker += Math.Pow(10, levels.SpeakerDbfs / 10);
            samples++;
        }

        static double Db(double power, int count) => count == 0 ? LevelMeter.SilenceDbfs : Math.Max(LevelMeter.SilenceDbfs, 10 * Math.Log10(power / count));
        return new AudioLevels(Db(microphone, samples), Db(processed, samples), Db(speaker, samples));
    }

    private static AudioStatus? AudioStatusOf(AudioEngine? engine)
    {
        if (engine is null)
        {
            return null;
        }

        var statistics = engine.GetStatistics();
        var levels = engine.GetLevels();
        return new AudioStatus(
            engine.DeviceDescription, statistics.IsDeviceOpen, statistics.LastDeviceFailure, levels.MicrophoneDbfs, levels.ProcessedDbfs,
            levels.SpeakerDbfs, statistics.CaptureOverruns + statistics.PlaybackUnderruns, engine.IsTonePlaying);
    }

    private void OnInputChanged(object? sender, InputChangedEventArgs args)
    {
        _events.Add("input", $"{args.Name} ({args.Kind}) {(args.Active ? "active" : "released")}");
        RaiseChanged();
    }

    private void OnStationChanged(object? sender, EventArgs args) => RaiseChanged();

    private void RaiseChanged() => Changed?.Invoke(this, EventArgs.Empty);

    /// <inheritdoc />
    public void Dispose() => _audioTestGate.Dispose();
}
