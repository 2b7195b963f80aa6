using System.Net;
using System.Net.NetworkInformation;
using Intercom.Device.Systemd;
using Intercom.Device.Web;
using Intercom.Integration.Events;
using Intercom.Integration.Metrics;
using Intercom.Station.Configuration;
using Intercom.Station.Health;
using Intercom.Web;
using Intercom.Web.Station;
using Intercom.Web.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SystemdHelpers = Microsoft.Extensions.Hosting.Systemd.SystemdHelpers;

namespace Intercom.Device.Hosting;

/// <summary>
/// Builds the service: configuration store, health registry, hardware, audio engine, systemd notifications and
/// watchdog, and the web page and API on Kestrel (HTTPS, HTTP redirecting). The one place where the layers are
/// wired together.
/// </summary>
public static class IntercomHost
{
    /// <summary>
    /// Builds the host for a validated configuration and an opened GPIO session; <paramref name="fallback"/> is set
    /// when the configuration is the last good copy because the file was refused.
    /// </summary>
    public static WebApplication Build(CommandLine commandLine, IntercomOptions options, ConfigurationFallback? fallback, GpioSession gpio)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gpio);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        if (SystemdHelpers.IsSystemdService())
        {
            // Journal-friendly lines with syslog priorities, no colours.
            builder.Logging.ClearProviders();
            builder.Logging.AddSystemdConsole();
        }

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var certificate = HttpsCertificate.LoadOrCreate(
            options.Storage.ResolveStateDirectory(commandLine.ConfigurationPath), Dns.GetHostName(), LocalAddresses(), TimeProvider.System);
        builder.WebHost.ConfigureKestrel(kestrel => WebServer.Listen(
            kestrel, options.Web, commandLine.HttpPort ?? options.Web.HttpPort, commandLine.HttpsPort ?? options.Web.HttpsPort, certificate));

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(gpio);
        services.AddSingleton(provider => new ConfigurationStore(
            commandLine.ConfigurationPath, options, fallback, provider.GetRequiredService<ILogger<ConfigurationStore>>()));
        services.AddSingleton<HealthRegistry>();
        services.AddSingleton<HardwareService>();
        services.AddHostedService(provider => provider.GetRequiredService<HardwareService>());
        services.AddSingleton<AudioService>();
        services.AddHostedService(provider => provider.GetRequiredService<AudioService>());
        services.AddSingleton<StationService>();
        services.AddHostedService(provider => provider.GetRequiredService<StationService>());
        services.AddSingleton(provider => new StationEventFeed(provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<StationEventFeed>>()));
        services.AddSingleton(_ => new PrometheusExporter());
        services.AddSingleton<IntegrationService>();
        services.AddHostedService(provider => provider.GetRequiredService<IntegrationService>());
        services.AddSingleton<DeviceStation>();
        services.AddSingleton<IStationStatusSource>(provider => provider.GetRequiredService<DeviceStation>());
        services.AddSingleton<IStationActions>(provider => provider.GetRequiredService<DeviceStation>());
        services.AddHostedService(provider => provider.GetRequiredService<DeviceStation>());
        services.AddSingleton<DeviceStationCalls>();
        services.AddSingleton<IStationCalls>(provider => provider.GetRequiredService<DeviceStationCalls>());
        services.AddHostedService(provider => provider.GetRequiredService<DeviceStationCalls>());
        services.AddIntercomWeb(certificate);
        var notifier = SystemdNotifier.FromEnvironment();
        if (notifier is not null)
        {
            services.AddSingleton(notifier);
        }

        services.AddHostedService(provider => new SystemdLifecycleService(
            notifier, provider.GetRequiredService<IHostApplicationLifetime>(), provider.GetRequiredService<ILogger<SystemdLifecycleService>>()));
        services.AddHostedService(provider => new SystemdWatchdogService(
            notifier, SystemdWatchdogSettings.FromEnvironment(), provider.GetRequiredService<HealthRegistry>(),
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<SystemdWatchdogService>>()));

        var app = builder.Build();
        app.UseIntercomWeb();
        app.Lifetime.ApplicationStarted.Register(() => LogStatusUrls(app));
        return app;
    }

    /// <summary>This machine's unicast addresses (for the certificate's subject alternative names).</summary>
    private static IPAddress[] LocalAddresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(nic => nic.OperationalStatus == OperationalStatus.Up)
                .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
                .Select(address => address.Address)
                .Where(address => !address.IsIPv6LinkLocal)
                .ToArray();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }

    private static void LogStatusUrls(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IntercomHost).FullName!);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses.Where(a => a.StartsWith("https:", StringComparison.Ordinal)))
        {
            DeviceLog.StatusUrl(logger, $"{address}/api/v1/status");
        }
    }
}
