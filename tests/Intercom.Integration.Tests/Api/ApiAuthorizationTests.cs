using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Intercom.Integration.Tests.Api;

/// <summary>Every API route against every scope: granted exactly to its scope and to admin, 401 without a token.</summary>
public sealed class ApiAuthorizationTests(ApiStation station) : IClassFixture<ApiStation>
{
    /// <summary>Route pattern, a concrete path, the scope it needs.</summary>
    public static TheoryData<string, string, string, string> Routes => new()
    {
        { "GET", "/api/v1/status", "api/v1/status", "read" },
        { "POST", "/api/v1/inputs/{name}/press", "api/v1/inputs/door2/press", "call" },
        { "POST", "/api/v1/relays/{name}/pulse", "api/v1/relays/light/pulse", "door" },
        { "POST", "/api/v1/calls", "api/v1/calls", "call" },
        { "POST", "/api/v1/calls/current/hangup", "api/v1/calls/current/hangup", "call" },
        { "GET", "/api/v1/calls", "api/v1/calls", "read" },
        { "GET", "/api/v1/events", "api/v1/events", "read" },
        { "GET", "/api/v1/events/stream", "api/v1/events/stream", "read" },
        { "GET", "/api/{documentName}/openapi.json", "api/v1/openapi.json", "read" },
        { "GET", "/metrics", "metrics", "read" },
    };

    public static TheoryData<string, string, string, string, string> RoutesByScope
    {
        get
        {
            var data = new TheoryData<string, string, string, string, string>();
            foreach (var row in Routes)
            {
                foreach (var scope in ApiStation.Scopes)
                {
                    data.Add((string)row.Data.Item1, (string)row.Data.Item2, (string)row.Data.Item3, (string)row.Data.Item4, scope);
                }
            }

            return data;
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            // An invalid call request: a granted POST /calls answers 400 and rings nobody.
            request.Content = JsonContent.Create(new { });
        }

        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
    }

    [Theory]
    [MemberData(nameof(RoutesByScope))]
    public async Task Route_TokenWithScope_GrantedOnlyForItsScopeOrAdmin(string method, string pattern, string path, string needed, string scope)
    {
        _ = pattern;
        using var client = station.Client(station.Tokens[scope]);

        using var response = await SendAsync(client, method, path);

        var granted = scope == needed || scope == "admin";
        if (granted)
        {
            Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("insufficient_scope", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_NoTokenOrUnknownToken_IsRefusedWith401(string method, string pattern, string path, string needed)
    {
        _ = (pattern, needed);
        var pulses = station.StrikePulses;
        using var anonymous = station.Client(null);
        using var forged = station.Client(station.Tokens["admin"][..^3] + "abc");

        using var withoutToken = await SendAsync(anonymous, method, path);
        using var withForgedToken = await SendAsync(forged, method, path);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withForgedToken.StatusCode);
        Assert.Equal(pulses, station.StrikePulses);
    }

    [Fact]
    public void Table_CoversEveryMappedApiRoute()
    {
        var mapped = station.Host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/", StringComparison.Ordinal) || raw == "/metrics"))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var table = Routes.Select(r => $"{r.Data.Item1} {r.Data.Item2}").Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(table, mapped);
    }
}
