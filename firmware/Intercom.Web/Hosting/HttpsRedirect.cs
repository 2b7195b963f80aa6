using Microsoft.AspNetCore.Http;

namespace Intercom.Web.Hosting;

/// <summary>
/// Plain HTTP only redirects: every request on the HTTP port gets 308 to the same path on the HTTPS port
/// (RFC 9110 §15.4.9: 308 keeps the method), so neither a password nor a token ever travels in clear.
/// </summary>
internal static class HttpsRedirect
{
    public static Task Handle(HttpContext context, WebServerInfo server)
    {
        var host = context.Request.Host.Host;
        if (string.IsNullOrEmpty(host))
        {
            host = context.Connection.LocalIpAddress?.ToString() ?? "localhost";
        }

        if (host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('['))
        {
            host = $"[{host}]";
        }

        var port = server.HttpsPort == 443 ? "" : $":{server.HttpsPort}";
        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = $"https://{host}{port}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";
        context.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
