using System.Net.Http.Json;
using System.Text.Json;
using Intercom.Interop.Tests.Peers;
using Intercom.Station.Configuration;
using Intercom.Station.Journal;

namespace Intercom.Interop.Tests.Station;

/// <summary>
/// The real <c>intercom</c> service process (simulated GPIO and sound card) calling baresip: the press over the
/// authenticated HTTPS API starts the call, <c>GET /api/v1/status</c> shows it with its media and the masked digits,
/// the code opens the door and the call log in the state directory has the record.
/// </summary>
public sealed class ServiceCallTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Service_PressOverHttp_CallShownInStatusCodeOpensDoorCallLogged()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using BaresipPeer bob = await BaresipPeer.StartAsync("<sip:bob@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMA", 30, ct);
        using var directory = new TempDirectory("service-call-");
        IntercomOptions options = StationUnderTest.Options(StationUnderTest.Plan(CallPlanMode.Parallel, new CallTargetOptions { Target = $"sip:bob@127.0.0.1:{bob.SipPort}" }));
        options.Storage = new StorageOptions { StateDirectory = "state" };
        await using ServiceApi api = await ServiceApi.StartAsync(RepositoryPaths.ServiceExecutable, options, directory, Deadline, ct);
        HttpClient http = api.Http;
        PeerProcess service = api.Process;

        using (HttpResponseMessage press = await http.PostAsync(new Uri("api/v1/inputs/door/press", UriKind.Relative), null, ct))
        {
            Assert.True(press.IsSuccessStatusCode, $"press: {press.StatusCode}");
        }

        await bob.WaitForEventAsync("CALL_ESTABLISHED", Deadline, ct);
        JsonElement call = default;
        await PollAsync(async () =>
        {
            return (await http.GetFromJsonAsync<JsonElement>(new Uri("api/v1/status", UriKind.Relative), ct)).TryGetProperty("call", out call)
                && call.ValueKind == JsonValueKind.Object && call.GetProperty("state").GetString() == "talking" && call.GetProperty("codec").ValueKind == JsonValueKind.String;
        }, "the call in the status", service, ct);
        Assert.Equal("PCMA/8000", call.GetProperty("codec").GetString());
        Assert.False(call.GetProperty("srtp").GetBoolean());
        Assert.Equal("outbound", call.GetProperty("direction").GetString());
        Assert.Equal($"sip:bob@127.0.0.1:{bob.SipPort}", call.GetProperty("peer").GetString());

        // The media figures are counted at the request, not frozen at the answer: half a second of 20 ms packets.
        await PollAsync(async () =>
        {
            return (await http.GetFromJsonAsync<JsonElement>(new Uri("api/v1/status", UriKind.Relative), ct)).TryGetProperty("call", out call)
                && call.ValueKind == JsonValueKind.Object && call.TryGetProperty("packetsReceived", out JsonElement packets)
                && packets.ValueKind == JsonValueKind.Number && packets.GetInt64() >= 25;
        }, "25 received RTP packets in the status", service, ct);
        await PollAsync(async () =>
        {
            // The Prometheus gauge reads the same live figures (a sample line "intercom_call_packets_received N").
            string metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative), ct);
            string? sample = metrics.Split('\n').FirstOrDefault(line => line.StartsWith("intercom_call_packets_received ", StringComparison.Ordinal));
            return sample is not null && double.Parse(sample["intercom_call_packets_received ".Length..], System.Globalization.CultureInfo.InvariantCulture) >= 25;
        }, "25 received RTP packets in /metrics", service, ct);

        await DoorStationCallTests.SendCodeAsync(bob, StationUnderTest.Code + "#", ct);
        await PollAsync(async () =>
        {
            // The station hangs up a second after the door opened; the digits show until then.
            return !(await http.GetFromJsonAsync<JsonElement>(new Uri("api/v1/status", UriKind.Relative), ct)).TryGetProperty("call", out call)
                || call.ValueKind == JsonValueKind.Null || call.GetProperty("receivedDigits").GetString() == "****#";
        }, "the masked digits in the status", service, ct);

        await bob.WaitForEventAsync("CALL_CLOSED", Deadline, ct);
        await PollAsync(async () =>
        {
            JsonElement now = await http.GetFromJsonAsync<JsonElement>(new Uri("api/v1/status", UriKind.Relative), ct);
            return !now.TryGetProperty("call", out JsonElement ongoing) || ongoing.ValueKind == JsonValueKind.Null;
        }, "the call to end in the status", service, ct);

        // The service keeps the log in SQLite (WAL): read it beside the running service.
        using var log = new CallLog(Path.Combine(directory.Path, "state", CallLog.FileName), 100, 100);
        CallRecord record = Assert.Single(log.QueryCalls(new CallLogQuery()).Items);
        Assert.True(record.DoorOpened);
        Assert.Equal(Intercom.Station.Controller.CallEndReason.DoorOpened, record.EndReason);
        Assert.Equal("door", record.Button);
        Assert.Equal(1, log.QueryEvents(new EventLogQuery { Kind = StationEventKind.DoorCodeAccepted }).Total);
        JsonElement status = await http.GetFromJsonAsync<JsonElement>(new Uri("api/v1/status", UriKind.Relative), ct);
        Assert.Contains(status.GetProperty("health").GetProperty("probes").EnumerateArray(), probe => probe.GetProperty("name").GetString() == "audio-thread" && probe.GetProperty("fresh").GetBoolean());
    }

    private static async Task PollAsync(Func<Task<bool>> condition, string what, PeerProcess service, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Deadline, $"timed out waiting for {what}; service output:\n{service.Output}");
            await Task.Delay(50, ct);
        }
    }
}
