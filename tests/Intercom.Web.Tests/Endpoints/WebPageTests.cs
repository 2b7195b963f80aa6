using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Intercom.Web.Tests.Endpoints;

/// <summary>First-boot setup, cookies, redirect, headers, settings saves, backup and restore over real HTTPS.</summary>
public sealed class WebPageTests : IAsyncLifetime
{
    private StationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await StationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Setup_SecondTime_IsRefusedAndPasswordStays()
    {
        using var first = _host.CreateClient();
        await StationHost.SetUpAsync(first);
        var hash = _host.Configuration.Security.AdminPasswordHash;
        using var second = _host.CreateClient();
        var csrf = await StationHost.GetCsrfAsync(second);

        using var response = await StationHost.PostAsync(second, "web/api/setup", new { password = "another long password" }, csrf);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(hash, _host.Configuration.Security.AdminPasswordHash);
        Assert.StartsWith("pbkdf2-sha256$600000$", hash, StringComparison.Ordinal);
        Assert.DoesNotContain(StationHost.Password, await File.ReadAllTextAsync(_host.ConfigurationPath, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_WithoutCsrfCookieToken_IsRefused()
    {
        using var client = _host.CreateClient();

        using var response = await StationHost.PostAsync(client, "web/api/setup", new { password = StationHost.Password }, csrf: null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("", _host.Configuration.Security.AdminPasswordHash);
    }

    [Fact]
    public async Task Setup_ShortPassword_IsRefusedBesideTheField()
    {
        using var client = _host.CreateClient();
        var csrf = await StationHost.GetCsrfAsync(client);

        using var response = await StationHost.PostAsync(client, "web/api/setup", new { password = "short" }, csrf);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("password", body.GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal("", _host.Configuration.Security.AdminPasswordHash);
    }

    [Fact]
    public async Task Login_SetsHostOnlySecureHttpOnlyStrictCookie()
    {
        using (var setUp = _host.CreateClient())
        {
            await StationHost.SetUpAsync(setUp);
        }

        using var client = _host.CreateClient();
        using var response = await StationHost.LogInAsync(client, StationHost.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-intercom-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Login_WrongPasswords_AreDelayedThenLockedOut()
    {
        using (var setUp = _host.CreateClient())
        {
            await StationHost.SetUpAsync(setUp);
        }

        using var client = _host.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await StationHost.LogInAsync(client, "wrong password " + i);
            statuses.Add(wrong.StatusCode);
        }

        // The third failure asks for a one-second pause: an immediate try is refused without checking the password.
        using var tooSoon = await StationHost.LogInAsync(client, StationHost.Password);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        Assert.NotNull(tooSoon.Headers.RetryAfter);
    }

    [Fact]
    public async Task Http_RedirectsToHttpsWith308()
    {
        using var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var response = await plain.GetAsync(new Uri(_host.HttpAddress, "api/v1/status?x=1"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal(new Uri(_host.HttpsAddress, "api/v1/status?x=1"), response.Headers.Location);
    }

    [Fact]
    public async Task Page_HasSecurityHeadersAndNoInlineScript()
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
    }

    [Fact]
    public async Task Settings_BadValue_IsRejectedBesideItsPathAndNothingIsSaved()
    {
        using var client = _host.CreateClient();
        var csrf = await StationHost.SetUpAsync(client);
        var fileBefore = await File.ReadAllBytesAsync(_host.ConfigurationPath, TestContext.Current.CancellationToken);
        var page = await client.GetFromJsonAsync<JsonElement>("web/api/settings/relays", TestContext.Current.CancellationToken);
        var relays = JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(page.GetProperty("values").GetProperty("relays").GetRawText())!;
        var strike = relays[0].ToDictionary(p => p.Key, p => (object)p.Value);
        strike["pulseDuration"] = "00:00:30";

        using var response = await StationHost.PostAsync(client, "web/api/settings/relays", new { relays = new object[] { strike, relays[1], relays[2] } }, csrf);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors")[0];
        Assert.Equal("hardware.relays[0].pulseDuration", error.GetProperty("path").GetString());
        Assert.Equal(fileBefore, await File.ReadAllBytesAsync(_host.ConfigurationPath, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Settings_GoodValue_IsSavedAndAppliedLive()
    {
        using var client = _host.CreateClient();
        var csrf = await StationHost.SetUpAsync(client);

        using var response = await StationHost.PostAsync(
            client, "web/api/settings/audio",
            new { microphoneGainDb = 6.5, speakerVolumePercent = 55, echoCancellationEnabled = true, noiseSuppressionEnabled = true, automaticGainControlEnabled = true, automaticGainControlTargetDbfs = -20, backend = "simulated", captureDevice = "default", playbackDevice = "default", sampleRateHz = 16000 },
            csrf);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(55, _host.Configuration.Audio.SpeakerVolumePercent);
        Assert.Equal(55, _host.Service<Intercom.Device.Hosting.AudioService>().Engine!.SpeakerVolumePercent);
        Assert.Contains("\"speakerVolumePercent\": 55", await File.ReadAllTextAsync(_host.ConfigurationPath, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_HasNoSecrets_AndRestoreKeepsThePassword()
    {
        using var client = _host.CreateClient();
        var csrf = await StationHost.SetUpAsync(client);
        using (await StationHost.PostAsync(client, "web/api/security/tokens/", new { name = "ha", scopes = new[] { "read" } }, csrf))
        {
        }

        var hash = _host.Configuration.Security.AdminPasswordHash;
        var backup = await client.GetStringAsync(new Uri("web/api/system/backup", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("security", backup, StringComparison.Ordinal);
        Assert.DoesNotContain(hash, backup, StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Configuration.Security.ApiTokens[0].Hash, backup, StringComparison.Ordinal);

        var changed = backup.Replace("\"speakerVolumePercent\": 80", "\"speakerVolumePercent\": 33", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, "web/api/system/restore") { Content = new StringContent(changed, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-CSRF-Token", csrf);
        using var restored = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal(33, _host.Configuration.Audio.SpeakerVolumePercent);
        Assert.Equal(hash, _host.Configuration.Security.AdminPasswordHash);
        Assert.Single(_host.Configuration.Security.ApiTokens);
    }

    [Fact]
    public async Task FactoryReset_NeedsTheWordsAndThenClearsPasswordAndSessions()
    {
        using var client = _host.CreateClient();
        var csrf = await StationHost.SetUpAsync(client);

        using var unconfirmed = await StationHost.PostAsync(client, "web/api/system/factory-reset", new { confirmation = "yes" }, csrf);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        Assert.NotEqual("", _host.Configuration.Security.AdminPasswordHash);

        using var reset = await StationHost.PostAsync(client, "web/api/system/factory-reset", new { confirmation = "factory reset" }, csrf);
        using var after = await client.GetAsync(new Uri("api/v1/status", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal("", _host.Configuration.Security.AdminPasswordHash);
        Assert.Equal(3, _host.Configuration.Hardware.Relays.Count);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Certificate_IsEcdsaP256WithLoopbackNames_StoredOwnerOnly_AndReusedAtNextStart()
    {
        var key = _host.Certificate.GetECDsaPublicKey();
        Assert.NotNull(key);
        Assert.Equal(256, key.KeySize);
        var names = _host.Certificate.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", names.EnumerateDnsNames());
        Assert.Contains(IPAddress.Loopback, names.EnumerateIPAddresses());
        var path = Path.Combine(_host.StateDirectory, Intercom.Web.Tls.HttpsCertificate.FileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, OperatingSystem.IsWindows() ? UnixFileMode.UserRead | UnixFileMode.UserWrite : File.GetUnixFileMode(path));

        var again = Intercom.Web.Tls.HttpsCertificate.LoadOrCreate(_host.StateDirectory, "other", [], TimeProvider.System);

        Assert.False(again.Created);
        Assert.Equal(Intercom.Web.Tls.HttpsCertificate.FingerprintOf(_host.Certificate), again.Fingerprint);
    }
}
