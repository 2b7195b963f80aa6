using System.Net;
using System.Net.Http.Json;
using Intercom.Integration.Mqtt;
using Intercom.Interop.Tests.Peers;
using Intercom.Interop.Tests.Station;
using Intercom.Station.Configuration;

namespace Intercom.Interop.Tests.Integration;

/// <summary>
/// The real <c>intercom</c> process with MQTT configured: it announces itself, the API's relay pulse shows up as an
/// MQTT event, and when the process dies without saying goodbye the broker publishes its last will.
/// </summary>
public sealed class ServiceMqttTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Service_OnlineOverMqtt_ApiPulseIsAnEvent_KilledProcessLeavesTheLastWillOffline()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await MosquittoPeer.StartAsync("intercom", "homeassistant", ct);
        await using var observer = await MqttObserver.ConnectAsync(broker.Port, ct, "intercom/#");
        using var directory = new TempDirectory("service-mqtt-");
        var options = StationUnderTest.Options(StationUnderTest.Plan(CallPlanMode.Parallel, new CallTargetOptions { Target = "sip:nobody@127.0.0.1:9" }));
        options.Storage = new StorageOptions { StateDirectory = "state" };
        options.Mqtt = new MqttOptions
        {
            Enabled = true, Host = "127.0.0.1", Port = broker.Port, Username = MosquittoPeer.StationUser, Password = MosquittoPeer.PasswordOf(MosquittoPeer.StationUser),
            ClientId = "service-door", CommandToken = "a-command-token-of-length", ReconnectMinimumDelay = TimeSpan.FromMilliseconds(200),
        };
        var topics = new MqttTopics("intercom");
        var api = await ServiceApi.StartAsync(RepositoryPaths.ServiceExecutable, options, directory, Deadline, ct);
        await using (api)
        {
            await observer.WaitForAsync(topics.Availability, p => p == "online", Deadline, ct);
            await observer.WaitForAsync(topics.Call, p => p == "idle", Deadline, ct);

            using (var pulse = await api.Http.PostAsync(new Uri("api/v1/relays/strike/pulse", UriKind.Relative), null, ct))
            {
                Assert.Equal(HttpStatusCode.OK, pulse.StatusCode);
            }

            await observer.WaitForAsync(topics.Event, p => p.Contains("\"event\":\"doorOpened\"", StringComparison.Ordinal) && p.Contains("strike", StringComparison.Ordinal), Deadline, ct);
            var metrics = await api.Http.GetStringAsync(new Uri("metrics", UriKind.Relative), ct);
            Assert.Contains("intercom_mqtt_connects_total 1", metrics, StringComparison.Ordinal);
            Assert.False(api.Process.HasExited);
        }

        // Disposing killed the process tree (no MQTT DISCONNECT was sent): the broker publishes the last will.
        await observer.WaitForAsync(topics.Availability, p => p == "offline", Deadline, ct);
    }
}
