using System.Net;
using Intercom.Station.Configuration;
using Intercom.Station.Health;
using Intercom.Device.Http;
using Intercom.Device.Systemd;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SystemdHelpers = Microsoft.Extensions.Hosting.Systemd.SystemdHelpers;
using Microsoft.Extensions.Logging;

namespace Intercom.Device.Hosting;

/// <summary>
/// Builds the service: configuration store, health registry, hardware, systemd notifications and watchdog, and the
/// local HTTP endpoint on Kestrel. The one place where the layers are wired together.
/// </summary>
public static class IntercomHost
{
    /// <summary>Builds the host for a validated configuration and an opened GPIO session.</summary>
    public static WebApplication Build(CommandLine commandLine, IntercomOptions options, GpioSession gpio)
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

        var address = IPAddress.Parse(options.Http.ListenAddress);
        var port = commandLine.HttpPort ?? options.Http.Port;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, port));

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(gpio);
        services.AddSingleton(provider => new ConfigurationStore(
            commandLine.ConfigurationPath, options, provider.GetRequiredService<ILogger<ConfigurationStore>>()));
        services.AddSingleton<HealthRegistry>();
        services.AddSingleton<HardwareService>();
        services.AddHostedService(provider => provider.GetRequiredService<HardwareService>());
        services.AddSingleton<StationService>();
        services.AddHostedService(provider => provider.GetRequiredService<StationService>());
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
        var startTimestamp = TimeProvider.System.GetTimestamp();
        app.MapStatusEndpoints(startTimestamp);
        app.MapCallLogEndpoints();
        app.Lifetime.ApplicationStarted.Register(() => LogStatusUrls(app));
        return app;
    }

    private static void LogStatusUrls(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IntercomHost).FullName!);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            DeviceLog.StatusUrl(logger, $"{address}/api/v1/status");
        }
    }
}
