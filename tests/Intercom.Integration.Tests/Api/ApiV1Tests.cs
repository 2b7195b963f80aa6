using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Intercom.Device.Hosting;
using Intercom.Integration.Tests.Metrics;

namespace Intercom.Integration.Tests.Api;

/// <summary>What the API v1 routes do on the real service: calls, logs, the event stream, metrics, OpenAPI, rate limits.</summary>
public sealed class ApiV1Tests(ApiStation station) : IClassFixture<ApiStation>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> StatusAsync(HttpClient client) => await client.GetFromJsonAsync<JsonElement>("api/v1/status", Ct);

    [Fact]
    public async Task PlaceCallByButton_ThenHangUp_RingsAndEndsTheCall_AndTheCallLogShowsIt()
    {
        using var caller = station.Client(station.Tokens["call"]);
        using var reader = station.Client(station.Tokens["read"]);

        using var unknown = await caller.PostAsJsonAsync("api/v1/calls", new { button = "nosuchbutton" }, Ct);
        using var both = await caller.PostAsJsonAsync("api/v1/calls", new { button = "door", target = "sip:x@127.0.0.1" }, Ct);
        using var placed = await caller.PostAsJsonAsync("api/v1/calls", new { button = "door" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.True(placed.StatusCode == HttpStatusCode.Accepted, await placed.Content.ReadAsStringAsync(Ct));

        using var busy = await caller.PostAsJsonAsync("api/v1/calls", new { target = "sip:other@127.0.0.1:9" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        Assert.Equal("ringing", (await StatusAsync(reader)).GetProperty("call").GetProperty("state").GetString());

        using var ended = await caller.PostAsync("api/v1/calls/current/hangup", null, Ct);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        using var nothing = await caller.PostAsync("api/v1/calls/current/hangup", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, nothing.StatusCode);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        JsonElement page;
        do
        {
            page = await reader.GetFromJsonAsync<JsonElement>("api/v1/calls?endReason=hungUpRemotely&button=door&limit=5", Ct);
            if (page.GetProperty("total").GetInt32() >= 1)
            {
                break;
            }

            await Task.Delay(50, Ct);
        }
        while (clock.Elapsed < Deadline);

        var call = page.GetProperty("items")[0];
        Assert.Equal("hungUpRemotely", call.GetProperty("endReason").GetString());
        Assert.Equal("visitor", call.GetProperty("direction").GetString());
        Assert.Equal(5, page.GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task EventLog_FiltersAndPages_AndRefusesBadFilters()
    {
        using var caller = station.Client(station.Tokens["call"]);
        using var reader = station.Client(station.Tokens["read"]);
        using var pressed = await caller.PostAsync("api/v1/inputs/door2/press", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, pressed.StatusCode);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        JsonElement page;
        do
        {
            page = await reader.GetFromJsonAsync<JsonElement>("api/v1/events?kind=buttonPressed&subject=door2&limit=1", Ct);
            if (page.GetProperty("total").GetInt32() >= 1)
            {
                break;
            }

            await Task.Delay(50, Ct);
        }
        while (clock.Elapsed < Deadline);

        Assert.True(page.GetProperty("total").GetInt32() >= 1);
        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
        Assert.Equal("buttonPressed", page.GetProperty("items")[0].GetProperty("kind").GetString());
        Assert.Equal("door2", page.GetProperty("items")[0].GetProperty("subject").GetString());
        using var hangUp = await caller.PostAsync("api/v1/calls/current/hangup", null, Ct);

        foreach (var bad in new[] { "kind=nosuch", "limit=0", "limit=501", "offset=-1", "from=yesterday", "kind=3" })
        {
            using var refused = await reader.GetAsync("api/v1/events?" + bad, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using var badCalls = await reader.GetAsync("api/v1/calls?doorOpened=maybe", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badCalls.StatusCode);
    }

    [Fact]
    public async Task EventStream_SendsStatusFirst_ThenADoorOpenedEventWhenARelayPulses()
    {
        using var reader = station.Client(station.Tokens["read"]);
        using var door = station.Client(station.Tokens["door"]);
        using var response = await reader.GetAsync("api/v1/events/stream", HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var stream = new StreamReader(await response.Content.ReadAsStreamAsync(Ct), Encoding.UTF8);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Deadline);

        Assert.Equal("event: status", await stream.ReadLineAsync(timeout.Token));
        Assert.StartsWith("data: {", await stream.ReadLineAsync(timeout.Token), StringComparison.Ordinal);

        using var pulsed = await door.PostAsync("api/v1/relays/gate/pulse", null, Ct);
        Assert.Equal(HttpStatusCode.OK, pulsed.StatusCode);
        string? line;
        do
        {
            line = await stream.ReadLineAsync(timeout.Token);
        }
        while (line is not null && line != "event: doorOpened");

        Assert.Equal("event: doorOpened", line);
        Assert.StartsWith("id: ", await stream.ReadLineAsync(timeout.Token), StringComparison.Ordinal);
        var data = JsonDocument.Parse((await stream.ReadLineAsync(timeout.Token))!["data: ".Length..]).RootElement;
        Assert.Equal("gate", data.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Metrics_WithReadToken_ParsesStrictly_AndCountsMalformedSip()
    {
        using var reader = station.Client(station.Tokens["read"]);
        var sip = station.Host.Service<StationService>().Runtime!.SipEndPoint!;
        using (var udp = new UdpClient(AddressFamily.InterNetwork))
        {
            await udp.SendAsync(Encoding.ASCII.GetBytes("THIS IS NOT SIP\r\n\r\n"), new IPEndPoint(IPAddress.Loopback, sip.Port), Ct);
        }

        Dictionary<string, PrometheusFamily> families;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            using var response = await reader.GetAsync("metrics", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("0.0.4", response.Content.Headers.ContentType?.Parameters.Single(p => p.Name == "version").Value);
            families = PrometheusText.Parse(await response.Content.ReadAsStringAsync(Ct));
            if (families.ContainsKey("intercom_sip_messages_malformed_total"))
            {
                break;
            }

            await Task.Delay(50, Ct);
        }
        while (clock.Elapsed < Deadline);

        Assert.True(families["intercom_sip_messages_malformed_total"].Samples.Sum(s => s.Value) >= 1);
        foreach (var expected in new[]
        {
            "intercom_audio_capture_overruns_total", "intercom_audio_playback_underruns_total", "intercom_audio_echo_canceller_enabled",
            "intercom_call_active", "intercom_audio_frames_total",
        })
        {
            Assert.True(families.ContainsKey(expected), $"{expected} missing; have {string.Join(", ", families.Keys)}");
        }

        Assert.Equal("counter", families["intercom_audio_capture_overruns_total"].Type);
    }

    [Fact]
    public async Task OpenApiDocument_ListsEveryApiRouteWithItsMethod()
    {
        using var reader = station.Client(station.Tokens["read"]);
        var document = await reader.GetFromJsonAsync<JsonElement>("api/v1/openapi.json", Ct);

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        foreach (var row in ApiAuthorizationTests.Routes)
        {
            var method = ((string)row.Data.Item1).ToLowerInvariant();
            var path = (string)row.Data.Item2;
            if (path.Contains("openapi", StringComparison.Ordinal))
            {
                continue;
            }

            Assert.True(paths.TryGetProperty(path, out var item), $"{path} missing from the OpenAPI document");
            Assert.True(item.TryGetProperty(method, out _), $"{method} {path} missing from the OpenAPI document");
        }

        Assert.False(paths.TryGetProperty("/web/api/settings/", out _));
    }

    [Fact]
    public async Task RateLimit_OneTokenOverItsBurst_Gets429WithRetryAfter_WhileAnotherTokenIsServed()
    {
        var greedy = await station.CreateTokenAsync("read");
        using var client = station.Client(greedy);
        HttpResponseMessage? limited = null;
        for (var i = 0; i < new Intercom.Station.Configuration.WebOptions().ApiBurstRequests * 2 && limited is null; i++)
        {
            var response = await client.GetAsync("api/v1/status", Ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        using (limited)
        {
            Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {limited.Headers.RetryAfter}");
        }

        using var other = station.Client(station.Tokens["read"]);
        using var served = await other.GetAsync("api/v1/status", Ct);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task MqttSettingsPage_SecretsAreWriteOnly_AndKeptWhenLeftEmpty()
    {
        var page = new Dictionary<string, object?>
        {
            ["enabled"] = false, ["host"] = "broker.local", ["port"] = 1883, ["useTls"] = false, ["username"] = "door",
            ["password"] = "first-broker-password", ["clientId"] = "intercom", ["baseTopic"] = "intercom", ["homeAssistantDiscovery"] = true,
            ["discoveryPrefix"] = "homeassistant", ["deviceName"] = "Door station", ["commandToken"] = "a-command-token-of-length",
        };
        using (var saved = await Intercom.Web.Tests.StationHost.PostAsync(station.Admin, "web/api/settings/mqtt", page, station.Csrf))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var shown = await station.Admin.GetStringAsync("web/api/settings/mqtt", Ct);
        Assert.Contains("broker.local", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("first-broker-password", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("a-command-token-of-length", shown, StringComparison.Ordinal);

        page["password"] = "";
        page["commandToken"] = "";
        page["host"] = "broker2.local";
        using (var again = await Intercom.Web.Tests.StationHost.PostAsync(station.Admin, "web/api/settings/mqtt", page, station.Csrf))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        Assert.Equal("broker2.local", station.Host.Configuration.Mqtt.Host);
        Assert.Equal("first-broker-password", station.Host.Configuration.Mqtt.Password);
        Assert.Equal("a-command-token-of-length", station.Host.Configuration.Mqtt.CommandToken);

        page["commandToken"] = "tiny-tok";
        using var refused = await Intercom.Web.Tests.StationHost.PostAsync(station.Admin, "web/api/settings/mqtt", page, station.Csrf);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.DoesNotContain("tiny-tok", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
