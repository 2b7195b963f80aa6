using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Intercom.Device.Hosting;
using Intercom.Station.Configuration;
using Intercom.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Intercom.Web.Tests;

/// <summary>
/// The real service wiring (<see cref="IntercomHost"/>) in-process: the demo configuration in a temporary directory,
/// simulated GPIO and audio, HTTP and HTTPS on free loopback ports, its own state directory. Clients pin the
/// server's certificate by its fingerprint.
/// </summary>
internal sealed class StationHost : IAsyncDisposable
{
    public const string Password = "correct horse battery";

    private readonly TemporaryDirectory _directory;
    private readonly GpioSession _gpio;

    private StationHost(TemporaryDirectory directory, GpioSession gpio, WebApplication app, string configurationPath)
    {
        _directory = directory;
        _gpio = gpio;
        App = app;
        ConfigurationPath = configurationPath;
        var server = app.Services.GetRequiredService<WebServerInfo>();
        HttpsAddress = new Uri($"https://127.0.0.1:{server.HttpsPort}/");
        HttpAddress = new Uri($"http://127.0.0.1:{server.HttpPort}/");
        Certificate = server.Certificate.Certificate;
    }

    public WebApplication App { get; }

    public string ConfigurationPath { get; }

    public string StateDirectory => _directory.File("state");

    public Uri HttpsAddress { get; }

    public Uri HttpAddress { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>
    /// Starts on the demo configuration changed by <paramref name="edit"/>. With <paramref name="badFileAtBoot"/> the
    /// edited file boots once (leaving its last good copy), then that text replaces it before the boot that counts: the
    /// service runs on the last good configuration.
    /// </summary>
    public static async Task<StationHost> StartAsync(Action<JsonObject>? edit = null, string? badFileAtBoot = null)
    {
        var directory = new TemporaryDirectory();
        var path = directory.File("intercom.json");
        var document = JsonNode.Parse(File.ReadAllText(RepositoryPaths.DemoConfiguration), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
        edit?.Invoke(document);
        AtomicFile.Write(path, JsonSerializer.SerializeToUtf8Bytes(document));
        if (badFileAtBoot is not null)
        {
            var good = ConfigurationRecovery.Boot(path);
            Assert.True(good.Succeeded);
            Assert.Null(good.KeepLastGood());
            await File.WriteAllTextAsync(path, badFileAtBoot, TestContext.Current.CancellationToken);
        }

        var boot = ConfigurationRecovery.Boot(path);
        var options = boot.Options ?? throw new InvalidOperationException(string.Join("; ", boot.Errors));
        var commandLine = CommandLine.Parse(["--config", path, "--http-port", "0", "--https-port", "0"], out _)!;
        var gpio = GpioSession.Open(options.Hardware.Gpio, out _)!;
        var app = IntercomHost.Build(commandLine, options, boot.Fallback, gpio);
        await app.StartAsync(TestContext.Current.CancellationToken);
        Assert.Null(boot.KeepLastGood());
        return new StationHost(directory, gpio, app, path);
    }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public IntercomOptions Configuration => Service<ConfigurationStore>().Current;

    /// <summary>An HTTPS client that trusts exactly this server's certificate and keeps cookies.</summary>
    public HttpClient CreateClient(bool followRedirects = false)
    {
        var expected = Certificate.RawData;
        var handler = new HttpClientHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = followRedirects,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.RawData.AsSpan().SequenceEqual(expected),
        };
        return new HttpClient(handler) { BaseAddress = HttpsAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Fetches the pre-login CSRF token and sets up the password; returns the session's CSRF token.</summary>
    public static async Task<string> SetUpAsync(HttpClient client, string password = Password)
    {
        var anonymous = await GetCsrfAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "web/api/setup") { Content = JsonContent.Create(new { password }) };
        request.Headers.Add("X-CSRF-Token", anonymous);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("csrfToken").GetString()!;
    }

    /// <summary>Logs in; returns the response (the caller checks it).</summary>
    public static async Task<HttpResponseMessage> LogInAsync(HttpClient client, string password)
    {
        var anonymous = await GetCsrfAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "web/api/login") { Content = JsonContent.Create(new { password }) };
        request.Headers.Add("X-CSRF-Token", anonymous);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<string> GetCsrfAsync(HttpClient client)
    {
        var session = await client.GetFromJsonAsync<JsonElement>("web/api/session", TestContext.Current.CancellationToken);
        return session.GetProperty("csrfToken").GetString()!;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body, string? csrf)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-Token", csrf);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        _gpio.Dispose();
        _directory.Dispose();
    }
}
