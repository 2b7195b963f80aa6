using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Intercom.Interop.Tests.Peers;

namespace Intercom.Web.Tests.Endpoints;

/// <summary>The test call route against a real auto-answering baresip, and the call log's filters, paging and downloads.</summary>
public sealed class CallLogEndpointTests
{
    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(20), $"timed out waiting for {what}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task TestCall_ToOneTarget_IsAnsweredAndLogged_ThenFiltersPagesAndDownloads()
    {
        await using var bob = await BaresipPeer.StartAsync("<sip:bob@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMU/8000/1", TestContext.Current.CancellationToken);
        await using var host = await StationHost.StartAsync();
        using var admin = host.CreateClient();
        var csrf = await StationHost.SetUpAsync(admin);
        var target = $"sip:bob@127.0.0.1:{bob.SipPort}";

        using (var neither = await StationHost.PostAsync(admin, "web/api/calls/test", new { }, csrf))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, neither.StatusCode);
        }

        using (var unknown = await StationHost.PostAsync(admin, "web/api/calls/test", new { button = "no-such-button" }, csrf))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var started = await StationHost.PostAsync(admin, "web/api/calls/test", new { target }, csrf))
        {
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        }

        await bob.WaitForEventAsync("CALL_ESTABLISHED", TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        using (var busy = await StationHost.PostAsync(admin, "web/api/calls/test", new { target }, csrf))
        {
            Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        }

        await bob.CommandAsync("hangup", cancellationToken: TestContext.Current.CancellationToken);
        await WaitForAsync(async () => (await GetJsonAsync(admin, "web/api/calls")).GetProperty("total").GetInt32() == 1, "the call in the log");

        var call = (await GetJsonAsync(admin, "web/api/calls?direction=visitor&endReason=remoteHangUp&limit=10")).GetProperty("items")[0];
        Assert.Equal("test call", call.GetProperty("button").GetString());
        Assert.Equal(target, call.GetProperty("targets").GetString());
        Assert.Equal("remoteHangUp", call.GetProperty("endReason").GetString());
        Assert.Contains("PCMU", call.GetProperty("codec").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, (await GetJsonAsync(admin, "web/api/calls?direction=inbound")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await GetJsonAsync(admin, "web/api/calls?offset=1")).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await GetJsonAsync(admin, "web/api/calls?from=2099-01-01")).GetProperty("total").GetInt32());
        var journal = await GetJsonAsync(admin, "web/api/journal?kind=buttonPressed&subject=test%20call");
        Assert.Equal("buttonPressed", journal.GetProperty("items")[0].GetProperty("kind").GetString());

        var csv = await admin.GetStringAsync(new Uri("web/api/calls/download?format=csv", UriKind.Relative), TestContext.Current.CancellationToken);
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.StartsWith("id,startedAt,direction,button,targets", lines[0], StringComparison.Ordinal);
        Assert.Contains($"\"{target}\"", Assert.Single(lines[1..]), StringComparison.Ordinal);
        var json = await admin.GetFromJsonAsync<JsonElement>(new Uri("web/api/calls/download?format=json", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(target, Assert.Single(json.EnumerateArray()).GetProperty("targets").GetString());

        using var bad = await admin.GetAsync(new Uri("web/api/calls?direction=sideways&limit=0&from=yesterday", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        Assert.Equal(["direction", "from", "limit"], errors.EnumerateArray().Select(e => e.GetProperty("path").GetString()).Order(StringComparer.Ordinal));
    }
}
