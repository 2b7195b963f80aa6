using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Intercom.Integration.Events;
using Intercom.Integration.Webhooks;
using Intercom.Station.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Intercom.Integration.Tests.Webhooks;

/// <summary>The webhook sender against a local receiver that answers, fails, fails for a while, or hangs.</summary>
public sealed class WebhookSenderTests
{
    private const string Secret = "a-long-webhook-signing-secret";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IntegrationEvent Event(IntegrationEventKind kind, long sequence = 1) =>
        new(sequence, kind, TimeProvider.System.GetUtcNow(), "door", "ringing sip:resident@127.0.0.1");

    private static WebhookSender Sender(params WebhookTargetOptions[] targets) => Sender(3, 4, targets);

    private static WebhookSender Sender(int attempts, int capacity, params WebhookTargetOptions[] targets)
    {
        var options = new WebhookOptions
        {
            Targets = targets,
            Timeout = TimeSpan.FromMilliseconds(300),
            MaximumAttempts = attempts,
            RetryDelay = TimeSpan.FromMilliseconds(20),
            QueueCapacity = capacity,
        };
        Assert.Empty(new WebhookOptionsValidator().Validate(null, options).Failures ?? []);
        return new WebhookSender(options, "Door station", null, TimeProvider.System, NullLogger<WebhookSender>.Instance);
    }

    private static WebhookTargetOptions Target(string url, params string[] events) => new() { Url = url, Secret = Secret, Events = events };

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Deadline, $"timed out waiting for {what}");
            await Task.Delay(10, Ct);
        }
    }

    [Fact]
    public async Task Enqueue_ReceiverAnswers_PostsJsonSignedOverTimestampAndBody()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sender = Sender(Target(receiver.Url("ok")));

        sender.Enqueue(Event(IntegrationEventKind.Ring, sequence: 7));
        await UntilAsync(() => sender.Delivered == 1, "the delivery");

        var received = receiver.Received.Single();
        Assert.Equal("application/json", received.Headers["Content-Type"]);
        Assert.Equal("ring", received.Headers[WebhookSignature.EventHeader]);
        var timestamp = long.Parse(received.Headers[WebhookSignature.TimestampHeader], CultureInfo.InvariantCulture);
        Assert.InRange(timestamp, TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() - 60, TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() + 1);
        var signature = received.Headers[WebhookSignature.SignatureHeader];
        Assert.StartsWith("sha256=", signature, StringComparison.Ordinal);
        Assert.True(WebhookSignature.Verify(Secret, timestamp, received.Body, signature));
        Assert.False(WebhookSignature.Verify(Secret, timestamp + 1, received.Body, signature));
        Assert.False(WebhookSignature.Verify("another-secret-of-some-length", timestamp, received.Body, signature));
        var body = JsonDocument.Parse(received.Body).RootElement;
        Assert.Equal("ring", body.GetProperty("event").GetString());
        Assert.Equal(7, body.GetProperty("sequence").GetInt64());
        Assert.Equal("door", body.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Enqueue_ReceiverFailsTwiceThenAnswers_IsRetriedUntilDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sender = Sender(Target(receiver.Url("flaky")));

        sender.Enqueue(Event(IntegrationEventKind.Missed));
        await UntilAsync(() => sender.Delivered == 1, "the third attempt to get through");

        Assert.Equal(3, receiver.Count("/flaky"));
        Assert.Equal(0, sender.Failed);
        // Every attempt carries the same body and a valid signature.
        Assert.Single(receiver.Received.Select(r => Convert.ToBase64String(r.Body)).Distinct());
    }

    [Fact]
    public async Task Enqueue_ReceiverAlwaysFails_GivesUpAfterTheAttemptsAndCountsTheFailure()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sender = Sender(Target(receiver.Url("fail")));

        sender.Enqueue(Event(IntegrationEventKind.Tamper));
        await UntilAsync(() => sender.Failed == 1, "the failure to be counted");

        Assert.Equal(3, receiver.Count("/fail"));
        Assert.Equal(0, sender.Delivered);
    }

    [Fact]
    public async Task Enqueue_ReceiverHangs_NeverBlocksTheCaller_DropsWhenFull_AndOtherReceiversStillGetEvents()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sender = Sender(2, 4, Target(receiver.Url("hang")), Target(receiver.Url("ok"), "ring"));

        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= 200; i++)
        {
            sender.Enqueue(Event(i % 2 == 0 ? IntegrationEventKind.Ring : IntegrationEventKind.DoorOpened, i));
        }

        var enqueueTime = clock.Elapsed;

        // 200 events into full queues return at once (the call path never waits for a receiver).
        Assert.True(enqueueTime < TimeSpan.FromMilliseconds(200), $"enqueueing took {enqueueTime.TotalMilliseconds:0} ms");
        Assert.True(sender.Dropped >= 190, $"dropped {sender.Dropped}");
        await UntilAsync(() => receiver.Count("/ok") >= 1, "the answering receiver's delivery while the other hangs");
        Assert.All(receiver.Received.Where(r => r.Path == "/ok"), r => Assert.Equal("ring", r.Headers[WebhookSignature.EventHeader]));
        await UntilAsync(() => sender.Failed >= 1, "the hanging receiver to time out twice");
        Assert.True(receiver.Count("/hang") >= 2);
    }

    [Fact]
    public void EventNames_MatchTheNamesTheConfigurationAccepts() =>
        Assert.Equal(
            WebhookOptionsValidator.EventNames.Order(StringComparer.Ordinal),
            Enum.GetValues<IntegrationEventKind>().Select(IntegrationEvent.NameOf).Order(StringComparer.Ordinal));
}
