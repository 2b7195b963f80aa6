using System.Text.Json;
using System.Text.Json.Nodes;
using Intercom.Sip.UserAgent;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;
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
/// <remarks>
/// Settings apply live. A changed <c>station</c> section goes straight to the running controller. A change the user
/// agent or the media factory only read at start (<c>sip</c>, <c>media</c>, <c>station.inbound</c>, <c>storage</c>,
/// the audio sample rate) restarts the whole runtime: sockets rebound, every account registering again with its new
/// settings, the call log reopened. A call in progress is never cut for that; the restart waits until it ends.
/// </remarks>
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
    private readonly ILogger<StationService> _logger;
    private readonly SemaphoreSlim _restartGate = new(1, 1);
    private readonly Lock _restartChain = new();
    private readonly CancellationTokenSource _stopping = new();
    private DoorStationRuntime? _runtime;
    private LivenessProbe? _audioProbe;
    private ITimer? _audioCheck;
    private Task _restart = Task.CompletedTask;
    private int _restartPending;

    /// <summary>Creates the service; nothing runs until the host starts it.</summary>
    public StationService(HardwareService hardware, AudioService audio, ConfigurationStore configuration, HealthRegistry health, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _hardware = hardware;
        _audio = audio;
        _configuration = configuration;
        _health = health;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<StationService>();
    }

    /// <summary>The running station, or null before start, after stop and for a moment while it restarts.</summary>
    public DoorStationRuntime? Runtime => Volatile.Read(ref _runtime);

    /// <summary>Raised when the station's state or a registration changed, or the station restarted (the web dashboard refreshes).</summary>
    public event EventHandler? Changed;

    /// <summary>Raised when an account's registration changed (sender: the <see cref="SipAccount"/>).</summary>
    public event EventHandler<SipRegistrationStatus>? RegistrationChanged;

    /// <summary>Raised on the station loop when the call controller's status changed; handlers must be quick.</summary>
    public event EventHandler<DoorStationStatus>? StationStatusChanged;

    /// <summary>Raised after the runtime restarted with new settings (argument: the sections that changed).</summary>
    public event EventHandler<string>? Restarted;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _audioProbe = _health.Register("audio-thread", AudioMaximumAge);
        _audioCheck = _timeProvider.CreateTimer(_ => ReportAudio(), null, AudioCheckInterval, AudioCheckInterval);
        await StartRuntimeAsync(cancellationToken).ConfigureAwait(false);
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
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        await _restartGate.WaitAsync().ConfigureAwait(false);
        try
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

            await StopRuntimeAsync().ConfigureAwait(false);
        }
        finally
        {
            _restartGate.Release();
        }
    }

    /// <summary>Waits until a restart asked for by a settings change has finished (tests, orderly shutdown).</summary>
    public Task WaitForRestartAsync() => Volatile.Read(ref _restart);

    private async Task StartRuntimeAsync(CancellationToken cancellationToken)
    {
        var options = _configuration.Current;
        var runtime = await DoorStationRuntime.StartAsync(
            options, options.Storage.ResolveStateDirectory(_configuration.Path), _hardware.Hardware, () => _audio.Engine, _timeProvider, _loggerFactory, cancellationToken)
            .ConfigureAwait(false);
        _audio.ShareCaptureRing(() => runtime.Audio.InUse);
        runtime.Station.StatusChanged += OnStationChanged;
        foreach (var account in runtime.Agent.Accounts)
        {
            account.StatusChanged += OnRegistrationChanged;
        }

        // The configuration may have changed while the runtime started: give the controller the newest station section.
        runtime.Station.UpdateOptions(_configuration.Current.Station);
        Volatile.Write(ref _runtime, runtime);
        Changed?.Invoke(this, EventArgs.Empty);
    }

    private async Task StopRuntimeAsync()
    {
        if (Interlocked.Exchange(ref _runtime, null) is { } runtime)
        {
            runtime.Station.StatusChanged -= OnStationChanged;
            foreach (var account in runtime.Agent.Accounts)
            {
                account.StatusChanged -= OnRegistrationChanged;
            }

            await runtime.DisposeAsync().ConfigureAwait(false);
            Changed?.Invoke(this, EventArgs.Empty);
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

    private void OnStationChanged(object? sender, DoorStationStatus status)
    {
        StationStatusChanged?.Invoke(this, status);
        Changed?.Invoke(this, EventArgs.Empty);
        if (status.State == StationState.Idle && Volatile.Read(ref _restartPending) == 1)
        {
            ScheduleRestart("settings changed during the call");
        }
    }

    private void OnRegistrationChanged(object? sender, SipRegistrationStatus status)
    {
        RegistrationChanged?.Invoke(sender, status);
        Changed?.Invoke(this, EventArgs.Empty);
    }

    private void OnConfigurationChanged(object? sender, ConfigurationChangedEventArgs args)
    {
        Runtime?.Station.UpdateOptions(args.Current.Station);
        var changed = SectionsNeedingRestart(args.Previous, args.Current);
        if (changed.Length > 0)
        {
            ScheduleRestart(changed);
        }
    }

    /// <summary>The parts of the configuration the runtime reads only at start, when they differ; empty when none does.</summary>
    internal static string SectionsNeedingRestart(IntercomOptions previous, IntercomOptions current)
    {
        var before = JsonSerializer.SerializeToNode(previous, ConfigurationJsonContext.Default.IntercomOptions)!;
        var after = JsonSerializer.SerializeToNode(current, ConfigurationJsonContext.Default.IntercomOptions)!;
        string[] paths = ["sip", "media", "storage", "station.inbound", "audio.sampleRateHz"];
        var changed = new List<string>();
        foreach (var path in paths)
        {
            if (!JsonNode.DeepEquals(Find(before, path), Find(after, path)))
            {
                changed.Add(path);
            }
        }

        return string.Join(", ", changed);

        static JsonNode? Find(JsonNode root, string path)
        {
            JsonNode? node = root;
            foreach (var part in path.Split('.'))
            {
                node = node is JsonObject obj ? obj[part] : null;
            }

            return node;
        }
    }

    private void ScheduleRestart(string sections)
    {
        Volatile.Write(ref _restartPending, 1);
        lock (_restartChain)
        {
            _restart = RestartAsync(_restart, sections);
        }
    }

    private async Task RestartAsync(Task previous, string sections)
    {
        await previous.ConfigureAwait(false);
        if (_stopping.IsCancellationRequested || !await TryEnterAsync().ConfigureAwait(false))
        {
            return;
        }

        try
        {
            if (Volatile.Read(ref _restartPending) == 0)
            {
                return;
            }

            if (Runtime?.Station.Status.State is { } state && state != StationState.Idle)
            {
                DeviceLog.StationRestartDeferred(_logger);
                return;
            }

            Volatile.Write(ref _restartPending, 0);
            DeviceLog.StationRestarting(_logger, sections);
            await StopRuntimeAsync().ConfigureAwait(false);
            await StartRuntimeAsync(_stopping.Token).ConfigureAwait(false);
            Restarted?.Invoke(this, sections);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The host is stopping.
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A port taken or the state directory unwritable: the station stays down until the next change or restart.
            DeviceLog.StationRestartFailed(_logger, exception);
        }
        finally
        {
            _restartGate.Release();
        }
    }

    private async Task<bool> TryEnterAsync()
    {
        try
        {
            await _restartGate.WaitAsync(_stopping.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
