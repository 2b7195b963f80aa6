using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Intercom.Interop.Tests.Peers;
using Intercom.Station.Configuration;

namespace Intercom.Interop.Tests.Station;

/// <summary>
/// The real <c>intercom</c> service process (simulated GPIO and sound card) calling baresip: the HTTP press starts the
/// call, <c>GET /api/v1/status</c> shows it with its media and the masked digits, the code opens the door and
/// <c>GET /api/v1/calls</c> has the record.
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
        int httpPort = FreePort.Next();
        IntercomOptions options = StationUnderTest.Options(StationUnderTest.Plan(CallPlanMode.Parallel, new CallTargetOptions { Target = $"sip:bob@127.0.0.1:{bob.SipPort}" }));
        options.Http = new HttpOptions { Port = httpPort };
        options.Storage = new StorageOptions { StateDirectory = "state" };
        string configuration = directory.File("intercom.json");
        File.WriteAllBytes(configuration, ConfigurationFile.Serialize(options));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(configuration, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await using PeerProcess service = PeerProcess.Start("intercom", RepositoryPaths.ServiceExecutable, ["--config", configuration, "--http-port", httpPort.ToString(CultureInfo.InvariantCulture)], directory.Path);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = Deadline };
        await service.WaitForLineAsync(line => line.Contains("/api/v1/status", StringComparison.Ordinal), Deadline, ct);

        using (HttpResponseMessage press = await http.PostAsync(new Uri("api/v1/inputs/door/press", UriKind.Relative), null, ct))
        {
            Assert.True(press.IsSuccessStatusCode, $"press: {press.StatusCode}");
        }

        await bob.WaitForEventAsync("CALL_ESTABLISHED", Deadline, ct);
        JsonElement station = default;
        await PollAsync(async () =>
        {
            station = (await http.GetFromJsonAsync<JsonElement>(new Uri("api/v1/status", UriKind.Relative), ct)).GetProperty("station");
            return station.GetProperty("state").GetString() == "talking" && station.GetProperty("packetsReceived").GetInt64() > 10;
        }, "the call in the status", service, ct);
        Assert.Equal("PCMA", station.GetProperty("codec").GetString());
        Assert.False(station.GetProperty("srtp").GetBoolean());
        Assert.Contains($"sip:bob@127.0.0.1:{bob.SipPort}", station.GetProperty("peers").EnumerateArray().Select(peer => peer.GetString()));

        await DoorStationCallTests.SendCodeAsync(bob, StationUnderTest.Code + "#", ct);

        await bob.WaitForEventAsync("CALL_CLOSED", Deadline, ct);
        JsonElement calls = default;
        await PollAsync(async () =>
        {
            calls = await http.GetFromJsonAsync<JsonElement>(new Uri("api/v1/calls?doorOpened=true", UriKind.Relative), ct);
            return calls.GetProperty("total").GetInt32() == 1;
        }, "the call in the call log", service, ct);
        JsonElement call = calls.GetProperty("items")[0];
        Assert.Equal("doorOpened", call.GetProperty("endReason").GetString());
        Assert.Equal("door", call.GetProperty("button").GetString());
        JsonElement status = await http.GetFromJsonAsync<JsonElement>(new Uri("api/v1/status", UriKind.Relative), ct);
        Assert.Equal("*****", status.GetProperty("station").GetProperty("lastDigitsMasked").GetString()![..4] + "*");
        Assert.Contains(status.GetProperty("health").GetProperty("probes").EnumerateArray(), probe => probe.GetProperty("name").GetString() == "audio-thread" && probe.GetProperty("fresh").GetBoolean());
        JsonElement events = await http.GetFromJsonAsync<JsonElement>(new Uri("api/v1/events?kind=doorCodeAccepted", UriKind.Relative), ct);
        Assert.Equal(1, events.GetProperty("total").GetInt32());
        Assert.True(File.Exists(Path.Combine(directory.Path, "state", "calls.db")));
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
