using System.Diagnostics;
using System.Text.Json.Nodes;
using Intercom.Device.Hosting;
using Intercom.Station.Controller;
using Intercom.Web.Tests;

namespace Intercom.Integration.Tests.Webhooks;

/// <summary>
/// The service with webhooks to a receiver that hangs, one that fails and one that answers: a press still rings at
/// once (the call path never waits for a webhook), and the events arrive where they can.
/// </summary>
public sealed class WebhookServiceTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Press_WithHangingAndFailingReceivers_RingsAtOnce_AndTheAnsweringReceiverGetsRingAndMissed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StationHost.StartAsync(document =>
        {
            document["webhooks"] = new JsonObject
            {
                ["timeout"] = "00:00:02",
                ["maximumAttempts"] = 3,
                ["retryDelay"] = "00:00:00.050",
                ["targets"] = new JsonArray(
                    new JsonObject { ["url"] = receiver.Url("hang"), ["secret"] = "a-long-webhook-signing-secret" },
                    new JsonObject { ["url"] = receiver.Url("fail"), ["secret"] = "a-long-webhook-signing-secret" },
                    new JsonObject { ["url"] = receiver.Url("ok"), ["secret"] = "a-long-webhook-signing-secret", ["events"] = new JsonArray("ring", "missed", "callEnded") }),
            };
            // Nobody listens on the discard port: the call fails quickly and counts as missed.
            document["station"]!["buttons"]![0]!["targets"] = new JsonArray(new JsonObject { ["target"] = "sip:nobody@127.0.0.1:9", ["ringTime"] = "00:00:03" });
            document["station"]!["buttons"]![0]!["ringTimeout"] = "00:00:05";
        });
        var station = host.Service<StationService>().Runtime!.Station;

        var clock = Stopwatch.StartNew();
        station.Press("door");
        while (station.Status.State != StationState.Ringing)
        {
            Assert.True(clock.Elapsed < Deadline, "the station never rang");
            await Task.Delay(5, ct);
        }

        var ringing = clock.Elapsed;
        Assert.True(ringing < TimeSpan.FromMilliseconds(500), $"ringing after {ringing.TotalMilliseconds:0} ms");

        while (receiver.Count("/ok") < 3 || receiver.Count("/hang") < 1 || receiver.Count("/fail") < 1)
        {
            Assert.True(clock.Elapsed < Deadline, $"deliveries: {string.Join(", ", receiver.Received.Select(r => r.Path + " " + r.Headers["X-Intercom-Event"]))}");
            await Task.Delay(20, ct);
        }

        var delivered = receiver.Received.Where(r => r.Path == "/ok").Select(r => r.Headers["X-Intercom-Event"]).ToArray();
        Assert.Equal(["ring", "missed", "callEnded"], delivered);
    }
}
