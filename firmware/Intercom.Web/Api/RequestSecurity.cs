using System.Net;
using System.Security.Cryptography;
using System.Text;
using Intercom.Station.Configuration;
using Intercom.Web.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Intercom.Web.Api;

/// <summary>
/// Who is asking, and may they: session lookup, CSRF checks and bearer tokens.
/// CSRF: a logged-in browser sends its session's synchronizer token in <c>X-CSRF-Token</c> on every POST; before
/// login (setup, login) the token is a double-submit cookie. Cross-site requests (<c>Origin</c> not this host,
/// <c>Sec-Fetch-Site: cross-site</c>) are refused outright. The session cookie is SameSite=Strict besides.
/// </summary>
public static class RequestSecurity
{
    /// <summary>The request header carrying the CSRF token.</summary>
    public const string CsrfHeader = "X-CSRF-Token";

    /// <summary>The double-submit cookie used before login.</summary>
    public const string AnonymousCsrfCookie = "__Host-intercom-csrf";

    private static readonly object SessionKey = new();

    /// <summary>The client's address (IPv4-mapped addresses as IPv4).</summary>
    public static IPAddress ClientAddress(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    /// <summary>The session this request carries; null without one.</summary>
    public static WebSession? Session(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(SessionKey, out var cached))
        {
            return cached as WebSession;
        }

        var session = context.RequestServices.GetRequiredService<SessionStore>().Find(context.Request.Cookies[SessionStore.CookieName]);
        context.Items[SessionKey] = session;
        return session;
    }

    /// <summary>Why the request fails the CSRF check; null when it passes. GET and HEAD need no token.</summary>
    public static string? CsrfProblem(HttpContext context, WebSession? session)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return null;
        }

        if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.Ordinal))
        {
            return "cross-site request";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return "request from another origin";
        }

        var expected = session?.CsrfToken ?? request.Cookies[AnonymousCsrfCookie];
        var given = request.Headers[CsrfHeader].ToString();
        if (string.IsNullOrEmpty(expected) || given.Length == 0
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given)))
        {
            return "missing or wrong CSRF token";
        }

        return null;
    }

    /// <summary>The API token in <c>Authorization: Bearer</c>; null when absent or proving nothing (<paramref name="presented"/> tells which).</summary>
    internal static ApiTokenOptions? BearerToken(HttpContext context, ConfigurationStore configuration, out bool presented)
    {
        var header = context.Request.Headers.Authorization.ToString();
        presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        return presented ? ApiTokenIssuer.Verify(header["Bearer ".Length..].Trim(), configuration.Current.Security.ApiTokens) : null;
    }

    /// <summary>A 401 or 403 with a JSON reason, counted and logged.</summary>
    internal static IResult Refuse(HttpContext context, int statusCode, string reason, string? wwwAuthenticate = null)
    {
        WebMetrics.RequestsRefused.Add(1);
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestSecurity).FullName!);
        WebLog.Refused(logger, context.Request.Method, context.Request.Path, ClientAddress(context).ToString(), reason);
        if (wwwAuthenticate is not null)
        {
            context.Response.Headers.WWWAuthenticate = wwwAuthenticate;
        }

        return Results.Json(new ErrorMessage(reason), WebJsonContext.Default.ErrorMessage, statusCode: statusCode);
    }

}
