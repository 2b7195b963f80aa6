using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Intercom.Interop.Tests.Peers;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;
using Intercom.Station.Journal;
using Intercom.Testing;

namespace Intercom.Interop.Tests.Station;

/// <summary>
/// The README's laptop demo as <c>tools/demo.sh</c> runs it: the real <c>intercom</c> on a copy of
/// <c>config/demo.json</c> (simulated GPIO and sound card) and the real demo resident phone (<c>softphone</c>) with
/// demo.sh's arguments. Only the ports differ: the phone listens on a free port instead of 15070 and the web server
/// on free ports, so the test runs beside other engineers' tests. Like a newcomer, it sets the administrator password
/// on the web page first (a configuration save), then presses the button over the HTTPS API.
/// </summary>
public sealed class LaptopDemoTests
{
    /// <summary>Where demo.json's resident phone listens, and demo.sh starts it.</summary>
    private const string DemoPhoneAddress = "127.0.0.1:15070";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public void DemoScript_PhoneAndConfiguration_AgreeOnAddressAndCode()
    {
        // The test below stands for demo.sh only while the script, the configuration and this test agree.
        string script = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tools", "demo.sh"));
        Assert.Contains($"--listen {DemoPhoneAddress} --code '1234#'", script, StringComparison.Ordinal);
        Assert.Contains("config/demo.json", script, StringComparison.Ordinal);
        IntercomOptions demo = LoadDemo(DemoPhoneAddress);
        ButtonOptions door = Assert.Single(demo.Station.Buttons, button => button.Input == "door");
        Assert.Equal($"sip:resident@{DemoPhoneAddress}", Assert.Single(door.Targets).Target);
        Assert.Contains(demo.Station.DoorCodes, code => code.Code == "1234" && code.Relay == "strike");
    }

    [Fact]
    public async Task Demo_PressOverApi_PhoneAnswersSendsCodeRelayPulsesCallLoggedAndEnded()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var directory = new TempDirectory("laptop-demo-");
        string phoneAddress = $"127.0.0.1:{FreePort.Next()}";
        await using PeerProcess phone = PeerProcess.Start(
            "softphone", Path.Combine(AppContext.BaseDirectory, "softphone"), ["--listen", phoneAddress, "--code", "1234#"], directory.Path);
        await phone.WaitForLineAsync(line => line.Contains("listening on", StringComparison.Ordinal), Deadline, ct);

        IntercomOptions options = LoadDemo(phoneAddress);
        await using ServiceApi api = await ServiceApi.StartAsync(RepositoryPaths.ServiceExecutable, options, directory, Deadline, ct);
        HttpClient http = api.Http;
        // A newcomer sets the administrator password first (the web page's first-boot setup saves the configuration).
        await SetAdministratorPasswordAsync(http, ct);
        JsonElement idle = await StatusAsync(http, ct);
        Assert.Equal(0, Relay(idle, "strike").GetProperty("pulseCount").GetInt64());

        using (HttpResponseMessage press = await http.PostAsync(new Uri("api/v1/inputs/door/press", UriKind.Relative), null, ct))
        {
            Assert.True(press.IsSuccessStatusCode, $"press: {press.StatusCode}");
        }

        // The call shows in the status while the phone talks; the relay is seen energised while the call is up.
        // The call LED: on while talking, blinking once the door opened.
        string? codec = null;
        bool relaySeenOn = false;
        var callLed = new HashSet<string>(StringComparer.Ordinal);
        await PollAsync(async () =>
        {
            JsonElement status = await StatusAsync(http, ct);
            if (status.TryGetProperty("call", out JsonElement call) && call.ValueKind == JsonValueKind.Object && call.GetProperty("state").GetString() == "talking")
            {
                codec ??= call.GetProperty("codec").GetString();
                callLed.Add(Led(status, "call"));
            }

            relaySeenOn |= Relay(status, "strike").GetProperty("on").GetBoolean();
            return codec is not null && relaySeenOn;
        }, "the call in the status and the strike relay on", api, phone, ct);
        Assert.StartsWith("G722", codec, StringComparison.Ordinal);
        Assert.Contains("on", callLed);
        Assert.Equal("blinking", Led(await StatusAsync(http, ct), "call"));

        await phone.WaitForLineAsync(line => line.Contains("the door station hung up", StringComparison.Ordinal), Deadline, ct);
        await PollAsync(async () =>
        {
            JsonElement status = await StatusAsync(http, ct);
            return !status.TryGetProperty("call", out JsonElement call) || call.ValueKind == JsonValueKind.Null;
        }, "the call to end in the status", api, phone, ct);
        Assert.Equal(1, Relay(await StatusAsync(http, ct), "strike").GetProperty("pulseCount").GetInt64());
        Assert.Equal(0, Relay(await StatusAsync(http, ct), "gate").GetProperty("pulseCount").GetInt64());
        await PollAsync(async () => Led(await StatusAsync(http, ct), "call") == "off", "the call LED off after the call", api, phone, ct);
        Assert.Equal("on", Led(await StatusAsync(http, ct), "status"));

        // The call log beside the configuration copy (demo.json: storage.stateDirectory "state").
        using var log = new CallLog(Path.Combine(directory.Path, "state", CallLog.FileName), 100, 100);
        CallRecord record = Assert.Single(log.QueryCalls(new CallLogQuery()).Items);
        Assert.Equal("door", record.Button);
        Assert.Equal($"sip:resident@{phoneAddress}", record.AnsweredBy);
        Assert.True(record.DoorOpened);
        Assert.True(record.Srtp);
        Assert.Equal(CallEndReason.DoorOpened, record.EndReason);
        StationEvent accepted = Assert.Single(log.QueryEvents(new EventLogQuery { Kind = StationEventKind.DoorCodeAccepted }).Items);
        Assert.Equal("strike", accepted.Subject);
    }

    /// <summary>config/demo.json with its resident phone moved to <paramref name="phoneAddress"/>.</summary>
    private static IntercomOptions LoadDemo(string phoneAddress)
    {
        string text = File.ReadAllText(RepositoryPaths.DemoConfiguration).Replace(DemoPhoneAddress, phoneAddress, StringComparison.Ordinal);
        ConfigurationLoadResult loaded = ConfigurationFile.Parse(Encoding.UTF8.GetBytes(text));
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Errors));
        return loaded.Options!;
    }

    private static async Task SetAdministratorPasswordAsync(HttpClient http, CancellationToken ct)
    {
        JsonElement session = await http.GetFromJsonAsync<JsonElement>(new Uri("web/api/session", UriKind.Relative), ct);
        Assert.Equal("setup", session.GetProperty("state").GetString());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("web/api/setup", UriKind.Relative))
        {
            Content = JsonContent.Create(new { password = "Visitor-At-The-Door-2026" }),
        };
        request.Headers.Add("X-CSRF-Token", session.GetProperty("csrfToken").GetString());
        using HttpResponseMessage setup = await http.SendAsync(request, ct);
        Assert.True(setup.IsSuccessStatusCode, $"setup: {setup.StatusCode} {await setup.Content.ReadAsStringAsync(ct)}");
    }

    private static async Task<JsonElement> StatusAsync(HttpClient http, CancellationToken ct) =>
        await http.GetFromJsonAsync<JsonElement>(new Uri("api/v1/status", UriKind.Relative), ct);

    private static JsonElement Relay(JsonElement status, string name) =>
        status.GetProperty("relays").EnumerateArray().Single(relay => relay.GetProperty("name").GetString() == name);

    private static string Led(JsonElement status, string name) =>
        status.GetProperty("leds").EnumerateArray().Single(led => led.GetProperty("name").GetString() == name).GetProperty("state").GetString()!;

    private static async Task PollAsync(Func<Task<bool>> condition, string what, ServiceApi api, PeerProcess phone, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Deadline, $"timed out waiting for {what}; service output:\n{api.Process.Output}\nphone output:\n{phone.Output}");
            await Task.Delay(50, ct);
        }
    }
}
