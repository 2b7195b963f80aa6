using System.Net.Http.Json;
using System.Text.Json;
using Intercom.Web.Tests;

namespace Intercom.Integration.Tests.Api;

/// <summary>One running service with its password set, a logged-in admin client, and one API token per scope.</summary>
public sealed class ApiStation : IAsyncLifetime
{
    public static readonly string[] Scopes = ["read", "door", "call", "admin"];

    internal StationHost Host { get; private set; } = null!;

    internal HttpClient Admin { get; private set; } = null!;

    internal string Csrf { get; private set; } = "";

    internal Dictionary<string, string> Tokens { get; } = new(StringComparer.Ordinal);

    internal long StrikePulses => Host.Service<Intercom.Device.Hosting.HardwareService>().Hardware.FindRelay("strike")!.PulseCount;

    public async ValueTask InitializeAsync()
    {
        Host = await StationHost.StartAsync();
        Admin = Host.CreateClient();
        Csrf = await StationHost.SetUpAsync(Admin);
        foreach (var scope in Scopes)
        {
            Tokens[scope] = await CreateTokenAsync(scope);
        }
    }

    /// <summary>Makes a token through the web page's token route (as an installer would).</summary>
    internal async Task<string> CreateTokenAsync(params string[] scopes)
    {
        using var created = await StationHost.PostAsync(Admin, "web/api/security/tokens/", new { name = "test " + string.Join('+', scopes) + " " + Guid.NewGuid().ToString("N")[..6], scopes }, Csrf);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString()!;
    }

    internal HttpClient Client(string? token)
    {
        var client = Host.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Host.DisposeAsync();
    }
}
