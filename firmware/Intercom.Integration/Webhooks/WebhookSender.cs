using System.Net.Http.Headers;
using System.Threading.Channels;
using Intercom.Integration.Events;
using Intercom.Station.Configuration;
using Microsoft.Extensions.Logging;

namespace Intercom.Integration.Webhooks;

/// <summary>
/// Posts events to the configured receivers: one bounded queue and one background worker per receiver, so a
/// receiver that hangs only delays itself. <see cref="Enqueue"/> never blocks: when a queue is full the event is
/// dropped and counted. Each delivery is tried up to <see cref="WebhookOptions.MaximumAttempts"/> times with a
/// timeout per attempt and a doubling delay between attempts; the body is signed (<see cref="WebhookSignature"/>).
/// </summary>
public sealed class WebhookSender : IAsyncDisposable
{
    private readonly Receiver[] _receivers;
    private readonly HttpClient _client;
    private readonly WebhookOptions _options;
    private readonly string _device;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<WebhookSender> _logger;
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// Starts one worker per receiver in <paramref name="options"/>. <paramref name="handler"/> carries the requests
    /// (null for a <see cref="SocketsHttpHandler"/>); <paramref name="device"/> names the station in the body.
    /// </summary>
    public WebhookSender(WebhookOptions options, string device, HttpMessageHandler? handler, TimeProvider timeProvider, ILogger<WebhookSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _device = device;
        _timeProvider = timeProvider;
        _logger = logger;
        _client = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = options.Timeout }, disposeHandler: true)
        {
            // Each attempt has its own timeout on the injected clock.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _receivers = new Receiver[options.Targets.Count];
        for (var i = 0; i < _receivers.Length; i++)
        {
            var target = options.Targets[i];
            var receiver = new Receiver(target, new Uri(target.Url), Channel.CreateBounded<Delivery>(new BoundedChannelOptions(options.QueueCapacity)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            }));
            receiver.Worker = Task.Run(() => RunAsync(receiver, _stopping.Token), CancellationToken.None);
            _receivers[i] = receiver;
        }
    }

    /// <summary>Events dropped because a queue was full.</summary>
    public long Dropped => _receivers.Sum(r => Interlocked.Read(ref r.DroppedCount));

    /// <summary>Deliveries answered with 2xx.</summary>
    public long Delivered => _receivers.Sum(r => Interlocked.Read(ref r.DeliveredCount));

    /// <summary>Deliveries given up after every attempt.</summary>
    public long Failed => _receivers.Sum(r => Interlocked.Read(ref r.FailedCount));

    /// <summary>Queues the event for every receiver that wants it; returns at once (drops when a queue is full).</summary>
    public void Enqueue(IntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        byte[]? body = null;
        foreach (var receiver in _receivers)
        {
            if (receiver.Target.Events.Count > 0 && !receiver.Target.Events.Contains(integrationEvent.Name, StringComparer.Ordinal))
            {
                continue;
            }

            body ??= IntegrationEventJson.Serialize(integrationEvent, _device);
            if (!receiver.Queue.Writer.TryWrite(new Delivery(integrationEvent.Name, body)))
            {
                var dropped = Interlocked.Increment(ref receiver.DroppedCount);
                IntegrationMetrics.WebhooksDropped.Add(1);
                if (long.IsPow2(dropped))
                {
                    IntegrationLog.WebhookDropped(_logger, receiver.Url.Host, integrationEvent.Name, dropped);
                }
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var receiver in _receivers)
        {
            receiver.Queue.Writer.TryComplete();
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var receiver in _receivers)
        {
            await receiver.Worker.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _client.Dispose();
        _stopping.Dispose();
    }

    private async Task RunAsync(Receiver receiver, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var delivery in receiver.Queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await DeliverAsync(receiver, delivery, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // The worker must go on after our own bug.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    IntegrationLog.WebhookLoopFailed(_logger, receiver.Url.Host, exception);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task DeliverAsync(Receiver receiver, Delivery delivery, CancellationToken cancellationToken)
    {
        var delay = _options.RetryDelay;
        for (var attempt = 1; attempt <= _options.MaximumAttempts; attempt++)
        {
            var reason = await AttemptAsync(receiver, delivery, cancellationToken).ConfigureAwait(false);
            if (reason is null)
            {
                Interlocked.Increment(ref receiver.DeliveredCount);
                IntegrationMetrics.WebhooksDelivered.Add(1);
                return;
            }

            IntegrationMetrics.WebhookAttemptFailures.Add(1);
            IntegrationLog.WebhookAttemptFailed(_logger, receiver.Url.Host, attempt, _options.MaximumAttempts, reason);
            if (attempt < _options.MaximumAttempts)
            {
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                delay *= 2;
            }
        }

        Interlocked.Increment(ref receiver.FailedCount);
        IntegrationMetrics.WebhookFailures.Add(1);
    }

    /// <summary>One POST; null when the receiver answered 2xx, else why not.</summary>
    private async Task<string?> AttemptAsync(Receiver receiver, Delivery delivery, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var unixSeconds = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Url) { Content = new ByteArrayContent(delivery.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, unixSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(receiver.Target.Secret, unixSeconds, delivery.Body));
        request.Headers.Add(WebhookSignature.EventHeader, delivery.EventName);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {_options.Timeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException exception)
        {
            return exception.HttpRequestError.ToString();
        }
    }

    private sealed record Delivery(string EventName, byte[] Body);

    private sealed class Receiver(WebhookTargetOptions target, Uri url, Channel<Delivery> queue)
    {
        public WebhookTargetOptions Target { get; } = target;

        public Uri Url { get; } = url;

        public Channel<Delivery> Queue { get; } = queue;

        public Task Worker { get; set; } = Task.CompletedTask;

        public long DroppedCount;

        public long DeliveredCount;

        public long FailedCount;
    }
}
