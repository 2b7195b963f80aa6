using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Intercom.Web.Security;

namespace Intercom.Web.Tests.Endpoints;

/// <summary>Every route refuses anonymous callers, strangers' cookies, missing CSRF tokens and tokens without the scope.</summary>
public sealed class AuthorizationTests(SetUpStation station) : IClassFixture<SetUpStation>
{
    private readonly StationHost _host = station.Host;

    public static TheoryData<string, string> ProtectedRoutes => new()
    {
        { "GET", "web/api/stream" },
        { "GET", "web/api/events" },
        { "GET", "web/api/events/download" },
        { "GET", "web/api/settings/" },
        { "GET", "web/api/settings/relays" },
        { "GET", "web/api/security/tokens/" },
        { "GET", "web/api/system/network" },
        { "GET", "web/api/system/backup" },
        { "GET", "api/v1/status" },
        { "GET", "web/api/settings/sip" },
        { "GET", "web/api/settings/media" },
        { "GET", "web/api/settings/buttons" },
        { "GET", "web/api/settings/doorcodes" },
        { "GET", "web/api/settings/inbound" },
        { "GET", "web/api/calls" },
        { "GET", "web/api/calls/download?format=json" },
        { "GET", "web/api/journal" },
        { "GET", "web/api/journal/download" },
        { "POST", "web/api/logout" },
        { "POST", "web/api/security/password" },
        { "POST", "web/api/settings/relays" },
        { "POST", "web/api/settings/sip" },
        { "POST", "web/api/settings/media" },
        { "POST", "web/api/settings/buttons" },
        { "POST", "web/api/settings/doorcodes" },
        { "POST", "web/api/settings/inbound" },
        { "POST", "web/api/calls/test" },
        { "POST", "web/api/security/tokens/" },
        { "POST", "web/api/security/tokens/0123456789abcdef/revoke" },
        { "POST", "web/api/system/restore" },
        { "POST", "web/api/system/factory-reset" },
        { "POST", "web/api/system/restart" },
        { "POST", "web/api/audio/test-tone" },
        { "POST", "web/api/audio/loopback-test" },
        { "POST", "api/v1/inputs/door/press" },
        { "POST", "api/v1/relays/strike/pulse" },
    };

    public static TheoryData<string> PostRoutes => new(ProtectedRoutes.Where(r => (string)r.Data.Item1 == "POST").Select(r => (string)r.Data.Item2));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string? csrf = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { confirmation = "factory reset", password = "x" });
        }

        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-Token", csrf);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Route_Anonymous_IsRefusedWith401(string method, string path)
    {
        using var anonymous = _host.CreateClient();
        var pulses = station.StrikePulses;
        var hash = _host.Configuration.Security.AdminPasswordHash;

        using var response = await SendAsync(anonymous, method, path, csrf: await StationHost.GetCsrfAsync(anonymous));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(pulses, station.StrikePulses);
        Assert.Equal(hash, _host.Configuration.Security.AdminPasswordHash);
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Route_ForgedSessionCookie_IsRefusedWith401(string method, string path)
    {
        var csrf = station.Csrf;
        using var stranger = _host.CreateClient();
        stranger.DefaultRequestHeaders.Add("Cookie", $"{SessionStore.CookieName}={SessionStore.RandomToken()}");

        using var response = await SendAsync(stranger, method, path, csrf);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(PostRoutes))]
    public async Task PostRoute_SessionWithoutOrWithWrongCsrfToken_IsRefusedWith403(string path)
    {
        var client = station.Admin;
        var csrf = station.Csrf;
        var hashBefore = _host.Configuration.Security.AdminPasswordHash;
        var pulses = station.StrikePulses;

        using var missing = await SendAsync(client, "POST", path);
        using var wrong = await SendAsync(client, "POST", path, csrf: SessionStore.RandomToken());

        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(pulses, station.StrikePulses);
        Assert.Equal(hashBefore, _host.Configuration.Security.AdminPasswordHash);
        // The session itself still works with its token (the refusals were about the token only).
        using var status = await SendAsync(client, "GET", "api/v1/status", csrf);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    [Fact]
    public async Task Post_FromAnotherOrigin_IsRefusedEvenWithTheToken()
    {
        var client = station.Admin;
        var csrf = station.Csrf;
        var pulses = station.StrikePulses;
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/relays/strike/pulse");
        request.Headers.Add("X-CSRF-Token", csrf);
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(pulses, station.StrikePulses);
    }

    [Fact]
    public async Task Session_WithToken_PulsesRelayAndPressesInput()
    {
        var client = station.Admin;
        var csrf = station.Csrf;
        var pulses = station.StrikePulses;

        using var pulse = await SendAsync(client, "POST", "api/v1/relays/strike/pulse", csrf);
        using var press = await SendAsync(client, "POST", "api/v1/inputs/door/press", csrf);
        using var unknown = await SendAsync(client, "POST", "api/v1/relays/nope/pulse", csrf);

        Assert.Equal(HttpStatusCode.OK, pulse.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, press.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(pulses + 1, station.StrikePulses);
    }

    [Fact]
    public async Task ApiToken_GrantsItsScopesOnlyAndNeverTheWebPage()
    {
        var client = station.Admin;
        var csrf = station.Csrf;
        using var created = await StationHost.PostAsync(client, "web/api/security/tokens/", new { name = "home assistant", scopes = new[] { "read" } }, csrf);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString()!;
        using var api = _host.CreateClient();

        using var status = await SendAsync(api, "GET", "api/v1/status", bearer: token);
        using var pulse = await SendAsync(api, "POST", "api/v1/relays/strike/pulse", bearer: token);
        using var page = await SendAsync(api, "GET", "web/api/settings/", bearer: token);
        using var forged = await SendAsync(api, "GET", "api/v1/status", bearer: token[..^2] + "xx");

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, pulse.StatusCode);
        Assert.Contains("insufficient_scope", pulse.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        // Only the hash is stored, and the listing shows neither token nor hash.
        var stored = _host.Configuration.Security.ApiTokens.Single(t => t.Name == "home assistant");
        Assert.DoesNotContain(token, await File.ReadAllTextAsync(_host.ConfigurationPath, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var listing = await client.GetStringAsync(new Uri("web/api/security/tokens/", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.DoesNotContain(stored.Hash, listing, StringComparison.Ordinal);
        Assert.DoesNotContain(token, listing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiToken_Revoked_IsRefused()
    {
        var client = station.Admin;
        var csrf = station.Csrf;
        using var created = await StationHost.PostAsync(client, "web/api/security/tokens/", new { name = "door app", scopes = new[] { "door" } }, csrf);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        using var api = _host.CreateClient();
        using (var pulse = await SendAsync(api, "POST", "api/v1/relays/strike/pulse", bearer: body.GetProperty("token").GetString()))
        {
            Assert.Equal(HttpStatusCode.OK, pulse.StatusCode);
        }

        using var revoke = await StationHost.PostAsync(client, $"web/api/security/tokens/{body.GetProperty("id").GetString()}/revoke", null, csrf);
        using var after = await SendAsync(api, "POST", "api/v1/relays/strike/pulse", bearer: body.GetProperty("token").GetString());

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }
}
