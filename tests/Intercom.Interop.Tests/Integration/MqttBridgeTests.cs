using System.Text.Json;
using Intercom.Integration.Events;
using Intercom.Integration.Mqtt;
using Intercom.Interop.Tests.Peers;
using Intercom.Interop.Tests.Sip;
using Intercom.Interop.Tests.Station;
using Intercom.Station.Configuration;
using Microsoft.Extensions.Logging;

namespace Intercom.Interop.Tests.Integration;

/// <summary>
/// The MQTT bridge against a real mosquitto (password file and ACL, no anonymous access) with the door station
/// composed from its real adapters: discovery, availability, state on a ring and a call to sipp, the open-door
/// command with right and wrong credentials, and reconnection after a broker restart.
/// </summary>
public sealed class MqttBridgeTests
{
    private const string BaseTopic = "intercom";
    private const string DiscoveryPrefix = "homeassistant";
    private const string CommandToken = "0123456789abcdef-command-token";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static readonly MqttTopics Topics = new(BaseTopic);

    private static MqttOptions Options(int port, string password) => new()
    {
        Enabled = true,
        Host = "127.0.0.1",
        Port = port,
        Username = MosquittoPeer.StationUser,
        Password = password,
        ClientId = "door-" + Guid.NewGuid().ToString("N")[..6],
        BaseTopic = BaseTopic,
        DiscoveryPrefix = DiscoveryPrefix,
        CommandToken = CommandToken,
        ReconnectMinimumDelay = TimeSpan.FromMilliseconds(100),
        ReconnectMaximumDelay = TimeSpan.FromMilliseconds(800),
    };

    private static async Task<(StationEventFeed Feed, MqttBridge Bridge)> StartBridgeAsync(StationUnderTest station, MqttOptions options)
    {
        Assert.Empty(new MqttOptionsValidator().Validate(null, options).Failures ?? []);
        var loggers = ConsoleTraceLoggerFactory.Create();
        var feed = new StationEventFeed(TimeProvider.System, loggers.CreateLogger<StationEventFeed>());
        feed.Attach(station.Runtime);
        var bridge = new MqttBridge(options, feed, new DoorCommands(station.Hardware, feed), TimeProvider.System, loggers.CreateLogger<MqttBridge>());
        bridge.Start();
        await Task.CompletedTask;
        return (feed, bridge);
    }

    private static StationOptions PlanTo(string target) => StationUnderTest.Plan(CallPlanMode.Parallel, new CallTargetOptions { Target = target });

    [Fact]
    public async Task RingAndCallToSipp_PublishesDiscoveryAvailabilityAndEveryStateChange()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await MosquittoPeer.StartAsync(BaseTopic, DiscoveryPrefix, ct);
        await using var sipp = SippPeer.StartServer(
            Path.Combine(AppContext.BaseDirectory, "Station", "Scenarios", "uas_code_by_info.xml"),
            extraArguments: ["-mp", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await FreePort.WaitForUdpAsync(sipp.Port, Deadline, sipp.Process, ct);
        await using var observer = await MqttObserver.ConnectAsync(broker.Port, ct, BaseTopic + "/#", DiscoveryPrefix + "/#");
        await using var station = await StationUnderTest.StartAsync(StationUnderTest.Options(PlanTo($"sip:resident@127.0.0.1:{sipp.Port}")), cancellationToken: ct);
        var options = Options(broker.Port, MosquittoPeer.PasswordOf(MosquittoPeer.StationUser));
        var (feed, bridge) = await StartBridgeAsync(station, options);
        await using (bridge)
        using (feed)
        {
            await observer.WaitForAsync(Topics.Availability, p => p == "online", Deadline, ct);
            await observer.WaitForAsync(Topics.Call, p => p == "idle", Deadline, ct);
            await observer.WaitForAsync(Topics.Door, p => p == "closed", Deadline, ct);

            // Home Assistant discovery: one device with a doorbell event, a call sensor, a door sensor and the buttons.
            var doorbell = JsonDocument.Parse(await observer.WaitForAsync(HomeAssistantDiscovery.ConfigTopic(options, "event", "doorbell"), _ => true, Deadline, ct)).RootElement;
            Assert.Equal("doorbell", doorbell.GetProperty("device_class").GetString());
            Assert.Equal(Topics.Ring, doorbell.GetProperty("state_topic").GetString());
            Assert.Equal("ring", doorbell.GetProperty("event_types")[0].GetString());
            Assert.Equal(Topics.Availability, doorbell.GetProperty("availability_topic").GetString());
            var device = doorbell.GetProperty("device").GetProperty("identifiers")[0].GetString();
            var openDoor = JsonDocument.Parse(await observer.WaitForAsync(HomeAssistantDiscovery.ConfigTopic(options, "button", "open_door"), _ => true, Deadline, ct)).RootElement;
            Assert.Equal(Topics.OpenCommand, openDoor.GetProperty("command_topic").GetString());
            Assert.Equal(device, openDoor.GetProperty("device").GetProperty("identifiers")[0].GetString());
            var call = JsonDocument.Parse(await observer.WaitForAsync(HomeAssistantDiscovery.ConfigTopic(options, "sensor", "call"), _ => true, Deadline, ct)).RootElement;
            Assert.Equal(Topics.Call, call.GetProperty("state_topic").GetString());
            Assert.Equal(device, call.GetProperty("device").GetProperty("identifiers")[0].GetString());
            await observer.WaitForAsync(HomeAssistantDiscovery.ConfigTopic(options, "binary_sensor", "door"), p => p.Contains("\"door\"", StringComparison.Ordinal), Deadline, ct);

            // The visitor presses: the doorbell rings, sipp answers, sends the code by SIP INFO, the door opens, we hang up.
            station.Press();
            var ring = JsonDocument.Parse(await observer.WaitForAsync(Topics.Ring, _ => true, Deadline, ct)).RootElement;
            Assert.Equal("ring", ring.GetProperty("event_type").GetString());
            Assert.Equal("door", ring.GetProperty("subject").GetString());
            await observer.WaitForAsync(Topics.Call, p => p == "ringing", Deadline, ct);
            await observer.WaitForAsync(Topics.Call, p => p == "talking", Deadline, ct);
            await observer.WaitForAsync(Topics.Event, p => p.Contains("\"event\":\"answered\"", StringComparison.Ordinal), Deadline, ct);
            await observer.WaitForAsync(Topics.Event, p => p.Contains("\"event\":\"doorOpened\"", StringComparison.Ordinal), Deadline, ct);
            await observer.WaitForAsync(Topics.Event, p => p.Contains("\"event\":\"callEnded\"", StringComparison.Ordinal), Deadline, ct);
            await Poll.UntilAsync(() => observer.Last(Topics.Call) == "idle", Deadline, "the call state back to idle", ct);
            Assert.Equal(1, station.Strike.PulseCount);
            Assert.DoesNotContain(observer.Messages, m => m.Payload.Contains(StationUnderTest.Code, StringComparison.Ordinal) && m.Topic.StartsWith(BaseTopic, StringComparison.Ordinal));
        }

        // A clean stop publishes offline.
        await observer.WaitForAsync(Topics.Availability, p => p == "offline", Deadline, ct);
    }

    [Fact]
    public async Task OpenCommand_OnlyTheRightTokenOnTheAuthenticatedConnectionPulsesTheRelay()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await MosquittoPeer.StartAsync(BaseTopic, DiscoveryPrefix, ct);
        await using var observer = await MqttObserver.ConnectAsync(broker.Port, ct, BaseTopic + "/#");
        await using var station = await StationUnderTest.StartAsync(StationUnderTest.Options(PlanTo("sip:nobody@127.0.0.1:9")), cancellationToken: ct);
        var (feed, bridge) = await StartBridgeAsync(station, Options(broker.Port, MosquittoPeer.PasswordOf(MosquittoPeer.StationUser)));
        await using (bridge)
        using (feed)
        {
            await observer.WaitForAsync(Topics.Availability, p => p == "online", Deadline, ct);
            await Poll.UntilAsync(() => bridge.IsConnected, Deadline, "the bridge connected", ct);

            await observer.PublishAsync(Topics.OpenCommand, "{\"token\":\"0123456789abcdef-wrong-token!\"}", ct);
            await observer.PublishAsync(Topics.OpenCommand, "not json", ct);
            await observer.PublishAsync(Topics.OpenCommand, "{\"relay\":\"strike\"}", ct);
            await Poll.UntilAsync(() => bridge.CommandsRefused == 3, Deadline, "three refused commands", ct);
            Assert.Equal(0, station.Strike.PulseCount);
            Assert.Equal(0, bridge.CommandsAccepted);

            await observer.PublishAsync(Topics.OpenCommand, $"{{\"token\":\"{CommandToken}\"}}", ct);
            await Poll.UntilAsync(() => station.Strike.PulseCount == 1, Deadline, "the strike relay pulsed", ct);
            await observer.WaitForAsync(Topics.Event, p => p.Contains("\"event\":\"doorOpened\"", StringComparison.Ordinal), Deadline, ct);
            Assert.Equal(1, bridge.CommandsAccepted);
        }
    }

    [Fact]
    public async Task WrongBrokerPassword_NeverConnects_SoNoCommandReachesTheStation()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await MosquittoPeer.StartAsync(BaseTopic, DiscoveryPrefix, ct);
        await using var observer = await MqttObserver.ConnectAsync(broker.Port, ct, BaseTopic + "/#");
        await using var station = await StationUnderTest.StartAsync(StationUnderTest.Options(PlanTo("sip:nobody@127.0.0.1:9")), cancellationToken: ct);
        var (feed, bridge) = await StartBridgeAsync(station, Options(broker.Port, "not-the-password"));
        await using (bridge)
        using (feed)
        {
            await Poll.UntilAsync(() => bridge.ConnectFailures >= 3, Deadline, "three refused connection attempts", ct);
            Assert.False(bridge.IsConnected);
            Assert.Equal(0, bridge.Connects);
            await observer.PublishAsync(Topics.OpenCommand, $"{{\"token\":\"{CommandToken}\"}}", ct);
            // The broker delivers to subscribers in order: once our own marker comes back, the command has been routed.
            await observer.PublishAsync(BaseTopic + "/marker", "1", ct);
            await observer.WaitForAsync(BaseTopic + "/marker", _ => true, Deadline, ct);
            Assert.Equal(0, station.Strike.PulseCount);
            Assert.Null(observer.Last(Topics.Availability));
        }
    }

    [Fact]
    public async Task BrokerRestart_BridgeReconnectsWithBackoff_RepublishesStateAndTakesCommandsAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await MosquittoPeer.StartAsync(BaseTopic, DiscoveryPrefix, ct);
        await using var station = await StationUnderTest.StartAsync(StationUnderTest.Options(PlanTo("sip:nobody@127.0.0.1:9")), cancellationToken: ct);
        var (feed, bridge) = await StartBridgeAsync(station, Options(broker.Port, MosquittoPeer.PasswordOf(MosquittoPeer.StationUser)));
        await using (bridge)
        using (feed)
        {
            await Poll.UntilAsync(() => bridge.IsConnected, Deadline, "the first connection", ct);
            Assert.Equal(1, bridge.Connects);

            await broker.StopAsync();
            await Poll.UntilAsync(() => !bridge.IsConnected, Deadline, "the bridge noticing the broker is gone", ct);
            await Poll.UntilAsync(() => bridge.ConnectFailures >= 2, Deadline, "reconnect attempts while the broker is down", ct);
            await broker.RestartAsync(ct);

            await Poll.UntilAsync(() => bridge.IsConnected && bridge.Connects == 2, Deadline, "the reconnection", ct);
            Assert.Equal(0, bridge.ConnectFailures);

            // The restarted broker kept nothing (no persistence): what a subscriber sees now was published again.
            await using var observer = await MqttObserver.ConnectAsync(broker.Port, ct, BaseTopic + "/#");
            await observer.WaitForAsync(Topics.Availability, p => p == "online", Deadline, ct);
            await observer.WaitForAsync(Topics.Call, p => p == "idle", Deadline, ct);
            await observer.PublishAsync(Topics.OpenCommand, $"{{\"token\":\"{CommandToken}\",\"relay\":\"strike\"}}", ct);
            await Poll.UntilAsync(() => station.Strike.PulseCount == 1, Deadline, "the strike relay pulsed after the reconnection", ct);
        }
    }
}
