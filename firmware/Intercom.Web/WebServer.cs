using System.Globalization;
using System.Net;
using System.Security.Authentication;
using Intercom.Station.Configuration;
using Intercom.Web.Api;
using Intercom.Web.Api.V1;
using Intercom.Web.Hosting;
using Intercom.Web.Security;
using Intercom.Web.Settings;
using Intercom.Web.Station;
using Intercom.Web.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Intercom.Web;

/// <summary>
/// The installer web page and HTTP API in the service's Kestrel: HTTPS with the device's self-signed certificate,
/// plain HTTP only redirecting, security headers on every response, the page's assets and its JSON routes.
/// The device host calls <see cref="AddIntercomWeb"/>, <see cref="Listen"/> and <see cref="UseIntercomWeb"/>, and
/// registers an <see cref="IStationStatusSource"/> and an <see cref="IStationActions"/> (plus the
/// <see cref="ConfigurationStore"/> and a <see cref="TimeProvider"/>).
/// </summary>
public static class WebServer
{
    /// <summary>Largest request body accepted (a configuration backup is a few kilobytes).</summary>
    public const long MaximumRequestBodyBytes = 1024 * 1024;

    /// <summary>Registers the web layer's services.</summary>
    public static IServiceCollection AddIntercomWeb(this IServiceCollection services, HttpsCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new WebServerInfo(certificate));
        services.AddSingleton<StaticAssets>();
        services.AddSingleton(provider => new SessionStore(
            provider.GetRequiredService<TimeProvider>(), () => provider.GetRequiredService<ConfigurationStore>().Current.Web));
        services.AddSingleton(provider => new LoginThrottle(provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ConfigurationEditor>();
        services.AddSingleton<AdminAccount>();
        services.AddSingleton(provider => new StationEventLog(provider.GetRequiredService<TimeProvider>()));
        services.AddApiV1();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, WebJsonContext.Default));
        return services;
    }

    /// <summary>
    /// Listens for HTTP (redirect only) on <paramref name="httpPort"/> and HTTPS on <paramref name="httpsPort"/> at
    /// <see cref="WebOptions.ListenAddress"/>; port 0 picks a free one.
    /// </summary>
    public static void Listen(KestrelServerOptions kestrel, WebOptions options, int httpPort, int httpsPort, HttpsCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(certificate);
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = MaximumRequestBodyBytes;
        kestrel.Limits.MaxConcurrentConnections = 64;
        kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
        void Bind(int port, Action<ListenOptions> configure)
        {
            if (string.Equals(options.ListenAddress, WebOptions.AnyAddress, StringComparison.Ordinal))
            {
                kestrel.ListenAnyIP(port, configure);
            }
            else
            {
                kestrel.Listen(IPAddress.Parse(options.ListenAddress), port, configure);
            }
        }

        Bind(httpPort, listen => listen.Protocols = HttpProtocols.Http1);
        Bind(httpsPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(https =>
            {
                https.ServerCertificate = certificate.Certificate;
                https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
            });
        });
    }

    /// <summary>Adds the redirect and headers middleware and maps every route.</summary>
    public static WebApplication UseIntercomWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var server = app.Services.GetRequiredService<WebServerInfo>();
        app.Use(async (context, next) =>
        {
            if (!context.Request.IsHttps)
            {
                await HttpsRedirect.Handle(context, server).ConfigureAwait(false);
                return;
            }

            context.Response.OnStarting(static state =>
            {
                SecurityHeaders.Add(((HttpContext)state).Response);
                return Task.CompletedTask;
            }, context);
            await next(context).ConfigureAwait(false);
        });

        app.UseRateLimiter();
        var assets = app.Services.GetRequiredService<StaticAssets>();
        app.MapGet("/", context => assets.Serve(context, "index.html"));
        app.MapGet("/assets/{name}", (HttpContext context, string name) => assets.Serve(context, name));
        AuthEndpoints.Map(app);
        StatusEndpoints.Map(app);
        DashboardEndpoints.Map(app);
        SettingsEndpoints.Map(app);
        TokenEndpoints.Map(app);
        SystemEndpoints.Map(app);
        AudioEndpoints.Map(app);
        CallLogEndpoints.Map(app);
        ApiV1Endpoints.Map(app);
        app.Lifetime.ApplicationStarted.Register(() => OnStarted(app, server));
        return app;
    }

    private static void OnStarted(WebApplication app, WebServerInfo server)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebServer).FullName!);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            var uri = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal));
            if (uri.Scheme == Uri.UriSchemeHttps)
            {
                server.HttpsPort = uri.Port;
            }
            else
            {
                server.HttpPort = uri.Port;
            }
        }

        var certificate = server.Certificate;
        WebLog.Certificate(logger, certificate.Path, certificate.Fingerprint, certificate.Created ? " (made now)" : "");
        foreach (var address in addresses.Where(a => a.StartsWith("https:", StringComparison.Ordinal)))
        {
            WebLog.Url(logger, address.TrimEnd('/') + "/");
        }

        if (!app.Services.GetRequiredService<AdminAccount>().IsSetUp)
        {
            WebLog.NoPassword(logger);
        }

        app.Services.GetRequiredService<StationEventLog>().Add(
            "system", string.Create(CultureInfo.InvariantCulture, $"service started; HTTPS certificate fingerprint {certificate.Fingerprint}"));
    }
}
