using System.Text.Json;
using Intercom.Integration.Events;
using Intercom.Integration.Metrics;
using Intercom.Integration.Mqtt;
using Intercom.Integration.Webhooks;
using Intercom.Station.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Intercom.Device.Hosting;

/// <summary>
/// Home automation for the life of the host, after <see cref="StationService"/>: the station event feed, the MQTT
/// bridge (when <c>mqtt.enabled</c>), the webhook sender (when <c>webhooks.targets</c> is not empty) and the
/// station's metric instruments. A saved change of the <c>mqtt</c> or <c>webhooks</c> section restarts that part.
/// </summary>
public sealed class IntegrationService : IHostedService, IAsyncDisposable
{
    private readonly StationService _station;
    private readonly HardwareService _hardware;
    private readonly ConfigurationStore _configuration;
    private readonly StationEventFeed _feed;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MqttBridge? _mqtt;
    private WebhookSender? _webhooks;
    private StationInstruments? _instruments;

    /// <summary>Creates the service; nothing runs until the host starts it.</summary>
    public IntegrationService(
        StationService station, HardwareService hardware, ConfigurationStore configuration, StationEventFeed feed, PrometheusExporter exporter, TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        // Taking the exporter here starts its listener with the host, so counters count from the start.
        Exporter = exporter;
        _station = station;
        _hardware = hardware;
        _configuration = configuration;
        _feed = feed;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
    }

    /// <summary>The /metrics exporter.</summary>
    public PrometheusExporter Exporter { get; }

    /// <summary>The MQTT bridge, null when MQTT is off.</summary>
    public MqttBridge? Mqtt => Volatile.Read(ref _mqtt);

    /// <summary>The webhook sender, null without receivers.</summary>
    public WebhookSender? Webhooks => Volatile.Read(ref _webhooks);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_station.Runtime is { } runtime)
        {
            _feed.Attach(runtime);
        }

        _instruments = new StationInstruments(_feed, () => _configuration.Current.Audio.EchoCancellationEnabled);
        _feed.Raised += OnRaised;
        var options = _configuration.Current;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            StartMqtt(options.Mqtt);
            StartWebhooks(options.Webhooks);
        }
        finally
        {
            _gate.Release();
        }

        _configuration.Changed += OnConfigurationChanged;
        _station.Changed += OnStationChanged;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _configuration.Changed -= OnConfigurationChanged;
        _station.Changed -= OnStationChanged;
        await DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _feed.Raised -= OnRaised;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopMqttAsync().ConfigureAwait(false);
            await StopWebhooksAsync().ConfigureAwait(false);
            _instruments?.Dispose();
            _instruments = null;
            _feed.Detach();
        }
        finally
        {
            _gate.Release();
        }
    }

    // The station service may build a new runtime when its settings change: follow the running one.
    private void OnStationChanged(object? sender, EventArgs args)
    {
        if (_station.Runtime is { } runtime && !ReferenceEquals(runtime, _feed.Runtime))
        {
            _feed.Attach(runtime);
        }
    }

    private void OnRaised(object? sender, IntegrationEvent integrationEvent) => Volatile.Read(ref _webhooks)?.Enqueue(integrationEvent);

    private void OnConfigurationChanged(object? sender, ConfigurationChangedEventArgs args)
    {
        var mqttChanged = !SameJson(args.Previous.Mqtt, args.Current.Mqtt, ConfigurationJsonContext.Default.MqttOptions);
        var webhooksChanged = !SameJson(args.Previous.Webhooks, args.Current.Webhooks, ConfigurationJsonContext.Default.WebhookOptions);
        if (mqttChanged || webhooksChanged)
        {
            _ = RestartAsync(args.Current, mqttChanged, webhooksChanged);
        }
    }

    private async Task RestartAsync(IntercomOptions options, bool mqtt, bool webhooks)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (mqtt)
            {
                await StopMqttAsync().ConfigureAwait(false);
                StartMqtt(options.Mqtt);
            }

            if (webhooks)
            {
                await StopWebhooksAsync().ConfigureAwait(false);
                StartWebhooks(options.Webhooks);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void StartMqtt(MqttOptions options)
    {
        if (!options.Enabled)
        {
            return;
        }

        var bridge = new MqttBridge(options, _feed, new DoorCommands(_hardware.Hardware, _feed), _timeProvider, _loggerFactory.CreateLogger<MqttBridge>());
        bridge.Start();
        Volatile.Write(ref _mqtt, bridge);
    }

    private async Task StopMqttAsync()
    {
        if (Interlocked.Exchange(ref _mqtt, null) is { } bridge)
        {
            await bridge.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void StartWebhooks(WebhookOptions options)
    {
        if (options.Targets.Count == 0)
        {
            return;
        }

        Volatile.Write(ref _webhooks, new WebhookSender(options, _configuration.Current.Mqtt.DeviceName, null, _timeProvider, _loggerFactory.CreateLogger<WebhookSender>()));
    }

    private async Task StopWebhooksAsync()
    {
        if (Interlocked.Exchange(ref _webhooks, null) is { } sender)
        {
            await sender.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static bool SameJson<T>(T previous, T current, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Serialize(previous, type) == JsonSerializer.Serialize(current, type);
}
