using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Channels;
using Intercom.Integration.Events;
using Intercom.Sip.UserAgent;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace Intercom.Integration.Mqtt;

/// <summary>
/// The station on an MQTT broker (MQTTnet client, MQTT 3.1.1): availability (retained <c>online</c>, last will
/// <c>offline</c>), retained state topics (call, door, registration per account), events, Home Assistant discovery,
/// and command topics (open door, hang up) that act only on our authenticated connection and with the configured
/// command token. Reconnects with exponential backoff and jitter; TLS with a CA file. Station handlers only queue
/// work (a bounded outbox that drops the oldest), so the call path never waits for the broker.
/// </summary>
public sealed partial class MqttBridge : IAsyncDisposable
{
    /// <summary>Publications kept while the broker is away (events; state is republished whole on reconnect).</summary>
    public const int OutboxCapacity = 256;

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly MqttOptions _options;
    private readonly MqttTopics _topics;
    private readonly StationEventFeed _feed;
    private readonly DoorCommands _commands;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<MqttBridge> _logger;
    private readonly ReconnectBackoff _backoff;
    private readonly Channel<object> _outbox;
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _broker;
    private Task _loop = Task.CompletedTask;
    private IMqttClient? _client;
    private volatile bool _authenticated;
    private long _connects;
    private long _commandsRefused;
    private long _commandsAccepted;

    /// <summary>Creates the bridge; <see cref="Start"/> connects.</summary>
    public MqttBridge(MqttOptions options, StationEventFeed feed, DoorCommands commands, TimeProvider timeProvider, ILogger<MqttBridge> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _topics = new MqttTopics(options.BaseTopic);
        _feed = feed;
        _commands = commands;
        _timeProvider = timeProvider;
        _logger = logger;
        _broker = $"{options.Host}:{options.Port}{(options.UseTls ? " (TLS)" : "")}";
        _backoff = new ReconnectBackoff(options.ReconnectMinimumDelay, options.ReconnectMaximumDelay);
        _outbox = Channel.CreateBounded<object>(
            new BoundedChannelOptions(OutboxCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => IntegrationMetrics.MqttPublicationsDropped.Add(1));
    }

    /// <summary>True while connected and authenticated to the broker.</summary>
    public bool IsConnected => _authenticated && _client?.IsConnected == true;

    /// <summary>Successful connections so far (a reconnect counts again).</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Commands refused (wrong or missing token, malformed, commands off).</summary>
    public long CommandsRefused => Interlocked.Read(ref _commandsRefused);

    /// <summary>Commands carried out.</summary>
    public long CommandsAccepted => Interlocked.Read(ref _commandsAccepted);

    /// <summary>Failed connection attempts in a row.</summary>
    public int ConnectFailures => _backoff.Failures;

    /// <summary>Starts following the station and connecting.</summary>
    public void Start()
    {
        _feed.Raised += OnRaised;
        _feed.StatusChanged += OnStatusChanged;
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>Publishes <c>offline</c> (a clean disconnect sends no last will) and disconnects.</summary>
    public async ValueTask DisposeAsync()
    {
        _feed.Raised -= OnRaised;
        _feed.StatusChanged -= OnStatusChanged;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_client is { IsConnected: true } client)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _timeProvider);
                await client.PublishAsync(Message(_topics.Availability, "offline", retain: true), timeout.Token).ConfigureAwait(false);
                await client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
            {
                // Going away anyway; the broker publishes the last will.
            }
        }

        _client?.Dispose();
        _stopping.Dispose();
    }

    private void OnRaised(object? sender, IntegrationEvent integrationEvent) => _outbox.Writer.TryWrite(integrationEvent);

    // The state is taken when the station reports the change (on its thread), not when the message goes out: a call
    // answered a millisecond after it started ringing still shows "ringing" before "talking".
    private void OnStatusChanged(object? sender, EventArgs args) => _outbox.Writer.TryWrite(new StatusSnapshot(_feed.Status));

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            string reason;
            try
            {
                reason = await ConnectAndServeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or IOException)
            {
                reason = exception.Message;
            }
#pragma warning disable CA1031 // The loop must go on after our own bug.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                IntegrationLog.MqttLoopFailed(_logger, exception);
                reason = "internal error";
            }

            _authenticated = false;
            var delay = _backoff.Next();
            IntegrationMetrics.MqttConnectFailures.Add(1);
            IntegrationLog.MqttConnectFailed(_logger, _broker, reason, delay.TotalSeconds);
            try
            {
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One connection: connect, announce, serve until it drops; returns why it ended.</summary>
    private async Task<string> ConnectAndServeAsync(CancellationToken cancellationToken)
    {
        _client?.Dispose();
        var client = new MqttClientFactory().CreateMqttClient();
        _client = client;
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var disconnectReason = "connection closed";
        client.DisconnectedAsync += args =>
        {
            _authenticated = false;
            disconnectReason = args.ReasonString ?? args.Reason.ToString();
            lost.Cancel();
            return Task.CompletedTask;
        };
        client.ApplicationMessageReceivedAsync += OnMessageAsync;

        using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connectTimeout.CancelAfter(ConnectTimeout);
            var result = await client.ConnectAsync(BuildOptions(), connectTimeout.Token).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                return $"refused: {result.ResultCode}";
            }
        }

        // MQTT 3.1.1 §3.2.2.3: return code 0 means the broker accepted our user name and password.
        _authenticated = true;
        _backoff.Reset();
        Interlocked.Increment(ref _connects);
        IntegrationMetrics.MqttConnects.Add(1);
        IntegrationLog.MqttConnected(_logger, _broker, _options.Username);
        if (_options.CommandToken.Length > 0)
        {
            var subscribe = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(_topics.OpenCommand, MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter(_topics.HangUpCommand, MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            await client.SubscribeAsync(subscribe, lost.Token).ConfigureAwait(false);
        }

        await client.PublishAsync(Message(_topics.Availability, "online", retain: true), lost.Token).ConfigureAwait(false);
        if (_options.HomeAssistantDiscovery)
        {
            var accounts = _feed.Registrations.Keys.Order(StringComparer.Ordinal).ToArray();
            foreach (var (topic, payload) in HomeAssistantDiscovery.Messages(_options, accounts))
            {
                await client.PublishAsync(Message(topic, payload, retain: true), lost.Token).ConfigureAwait(false);
            }
        }

        await PublishStateAsync(client, _feed.Status, lost.Token).ConfigureAwait(false);
        try
        {
            await foreach (var item in _outbox.Reader.ReadAllAsync(lost.Token).ConfigureAwait(false))
            {
                if (item is StatusSnapshot snapshot)
                {
                    await PublishStateAsync(client, snapshot.Status, lost.Token).ConfigureAwait(false);
                    continue;
                }

                var raised = (IntegrationEvent)item;
                var body = IntegrationEventJson.Serialize(raised, _options.DeviceName);
                await client.PublishAsync(Message(_topics.Event, body, retain: false), lost.Token).ConfigureAwait(false);
                if (raised.Kind == IntegrationEventKind.Ring)
                {
                    await client.PublishAsync(Message(_topics.Ring, body, retain: false), lost.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The connection dropped.
        }

        IntegrationLog.MqttDisconnected(_logger, _broker, disconnectReason);
        return disconnectReason;
    }

    private async Task PublishStateAsync(IMqttClient client, DoorStationStatus? status, CancellationToken cancellationToken)
    {
        var call = (status?.State ?? StationState.Idle) switch
        {
            StationState.Ringing => "ringing",
            StationState.Answering => "answering",
            StationState.Talking => "talking",
            _ => "idle",
        };
        await client.PublishAsync(Message(_topics.Call, call, retain: true), cancellationToken).ConfigureAwait(false);
        await client.PublishAsync(Message(_topics.Door, status?.DoorContactOpen == true ? "open" : "closed", retain: true), cancellationToken).ConfigureAwait(false);
        foreach (var (account, state) in _feed.Registrations)
        {
            await client.PublishAsync(Message(_topics.Registration(account), RegistrationText(state), retain: true), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The registration state as published: <c>registered</c>, <c>registering</c>, <c>failed</c>, <c>unregistered</c>, <c>disabled</c>.</summary>
    public static string RegistrationText(SipRegistrationState state) => state switch
    {
        SipRegistrationState.Registered => "registered",
        SipRegistrationState.Registering => "registering",
        SipRegistrationState.Failed => "failed",
        SipRegistrationState.Unregistered => "unregistered",
        _ => "disabled",
    };

    private MqttClientOptions BuildOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.ClientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311)
            .WithCredentials(_options.Username, _options.Password)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithCleanSession(true)
            .WithTimeout(ConnectTimeout)
            .WithWillTopic(_topics.Availability)
            .WithWillPayload(Encoding.UTF8.GetBytes("offline"))
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_options.UseTls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls(true);
                tls.WithSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13);
                if (_options.CaFile.Length > 0)
                {
                    var authority = X509Certificate2.CreateFromPemFile(_options.CaFile);
                    tls.WithCertificateValidationHandler(args => BrokerCertificateValidation.ChainsTo(args.Certificate, args.SslPolicyErrors, authority));
                }
            });
        }

        return builder.Build();
    }

    private static MqttApplicationMessage Message(string topic, string payload, bool retain) => Message(topic, Encoding.UTF8.GetBytes(payload), retain);

    private static MqttApplicationMessage Message(string topic, byte[] payload, bool retain) => new MqttApplicationMessageBuilder()
        .WithTopic(topic)
        .WithPayload(payload)
        .WithRetainFlag(retain)
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();

    /// <summary>The station's status as it was when a change was reported.</summary>
    private sealed record StatusSnapshot(DoorStationStatus? Status);
}
