using System.Net.Sockets;
using Intercom.Station.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Intercom.Device.Hosting;

/// <summary>Runs the service until SIGTERM/SIGINT; every output is off before start and after stop.</summary>
public static class ServiceRunner
{
    /// <summary>Runs the service; returns the process exit code.</summary>
    public static async Task<int> RunAsync(CommandLine commandLine, ConfigurationBootResult boot)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(boot);
        var options = boot.Options ?? throw new ArgumentException("the boot found no usable configuration", nameof(boot));
        using var gpio = GpioSession.Open(options.Hardware.Gpio, out var problem);
        if (gpio is null)
        {
            await Console.Error.WriteLineAsync($"intercom: {problem}").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }

        WebApplication app;
        try
        {
            app = IntercomHost.Build(commandLine, options, boot.Fallback, gpio);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync($"intercom: cannot build the service: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Configuration;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            await Console.Error.WriteLineAsync($"intercom: cannot create or read the HTTPS certificate in storage.stateDirectory ({options.Storage.ResolveStateDirectory(commandLine.ConfigurationPath)}): {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }

        await using (app.ConfigureAwait(false))
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ServiceRunner).FullName!);
            LogBoot(logger, boot);
            try
            {
                await app.StartAsync().ConfigureAwait(false);
                // Started: hardware up, API listening. Only now is the file good enough to fall back on.
                if (boot.KeepLastGood() is { } lastGoodProblem)
                {
                    DeviceLog.LastGoodNotKept(logger, lastGoodProblem);
                }

                await app.WaitForShutdownAsync().ConfigureAwait(false);
            }
            catch (IOException exception) when (exception.InnerException is SocketException || exception.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
            {
                await Console.Error.WriteLineAsync($"intercom: cannot listen on {options.Web.ListenAddress} ports {commandLine.HttpPort ?? options.Web.HttpPort}/{commandLine.HttpsPort ?? options.Web.HttpsPort}: {exception.Message.TrimEnd('.')}; choose other web.httpPort/web.httpsPort or pass --http-port/--https-port").ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }
#pragma warning disable CA1031 // The last line of defence: say what failed and exit non-zero so systemd restarts us.
            catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
            {
                await Console.Error.WriteLineAsync($"intercom: the service failed: {exception.GetType().Name}: {exception.Message}").ConfigureAwait(false);
                return ExitCodes.Software;
            }
        }

        return ExitCodes.Success;
    }

    private static void LogBoot(ILogger logger, ConfigurationBootResult boot)
    {
        if (boot.LeftoversDeleted.Count > 0)
        {
            DeviceLog.SaveLeftoversDeleted(logger, boot.LeftoversDeleted.Count, string.Join(", ", boot.LeftoversDeleted));
        }

        if (boot.Fallback is { } fallback)
        {
            DeviceLog.ConfigurationRefused(logger, fallback.ConfigurationPath, fallback.Reason, fallback.RejectedPath ?? "(not moved)", fallback.LastGoodPath);
            if (boot.LastGoodProblem is { } moveProblem)
            {
                DeviceLog.RefusedFileNotMoved(logger, moveProblem);
            }
        }
        else
        {
            DeviceLog.ConfigurationLoaded(logger, boot.UsedPath!);
        }

        WarnIfConfigurationIsOpen(logger, boot.UsedPath!);
    }

    private static void WarnIfConfigurationIsOpen(ILogger logger, string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        const UnixFileMode OthersOrGroup = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        if ((mode & OthersOrGroup) != 0)
        {
            DeviceLog.ConfigurationTooOpen(logger, path, Convert.ToString((int)mode, 8));
        }
    }
}
