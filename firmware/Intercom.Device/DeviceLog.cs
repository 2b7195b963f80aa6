using Microsoft.Extensions.Logging;

namespace Intercom.Device;

/// <summary>Source-generated log messages of the device host (event ids 1000–1099).</summary>
internal static partial class DeviceLog
{
    [LoggerMessage(1000, LogLevel.Information, "Configuration {Path} loaded")]
    public static partial void ConfigurationLoaded(ILogger logger, string path);

    [LoggerMessage(1004, LogLevel.Warning, "Configuration {Path} is readable by group or others ({Mode}); it holds passwords: chmod 600 it")]
    public static partial void ConfigurationTooOpen(ILogger logger, string path, string mode);

    [LoggerMessage(1005, LogLevel.Warning, "The hardware section changed; GPIO assignments take effect at the next start")]
    public static partial void HardwareRestartNeeded(ILogger logger);

    [LoggerMessage(1010, LogLevel.Debug, "systemd notified: {State}")]
    public static partial void SystemdNotified(ILogger logger, string state);

    [LoggerMessage(1011, LogLevel.Warning, "systemd notification to {Socket} failed: {Error}")]
    public static partial void SystemdNotifyFailed(ILogger logger, string socket, string error);

    [LoggerMessage(1012, LogLevel.Information, "systemd watchdog enabled: timeout {TimeoutMilliseconds:F0} ms, ping every {IntervalMilliseconds:F0} ms while healthy")]
    public static partial void WatchdogEnabled(ILogger logger, double timeoutMilliseconds, double intervalMilliseconds);

    [LoggerMessage(1013, LogLevel.Error, "systemd watchdog ping withheld: stale liveness probes {StaleProbes}")]
    public static partial void WatchdogWithheld(ILogger logger, string staleProbes);

    [LoggerMessage(1014, LogLevel.Information, "systemd watchdog pings resumed: every probe is fresh again")]
    public static partial void WatchdogResumed(ILogger logger);

    [LoggerMessage(1015, LogLevel.Error, "systemd watchdog tick failed")]
    public static partial void WatchdogTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(1020, LogLevel.Information, "Status: {StatusUrl}")]
    public static partial void StatusUrl(ILogger logger, string statusUrl);

    [LoggerMessage(1023, LogLevel.Information, "Audio settings changed: restarting the audio engine")]
    public static partial void AudioRestarting(ILogger logger);

    [LoggerMessage(1024, LogLevel.Warning, "Audio: {Warning}")]
    public static partial void AudioWarning(ILogger logger, string warning);

    [LoggerMessage(1025, LogLevel.Information, "Restart requested from the web page: stopping; systemd starts the service again")]
    public static partial void RestartRequested(ILogger logger);

    [LoggerMessage(1021, LogLevel.Information, "API: virtual press of input {Name} for {HoldMilliseconds:F0} ms")]
    public static partial void VirtualPress(ILogger logger, string name, double holdMilliseconds);

    [LoggerMessage(1022, LogLevel.Information, "API: pulse of relay {Name}")]
    public static partial void ApiPulse(ILogger logger, string name);

    [LoggerMessage(1030, LogLevel.Information, "Settings changed ({Sections}): restarting the door station so SIP accounts re-register")]
    public static partial void StationRestarting(ILogger logger, string sections);

    [LoggerMessage(1031, LogLevel.Information, "Settings changed during a call: the door station restarts when the call ends")]
    public static partial void StationRestartDeferred(ILogger logger);

    [LoggerMessage(1032, LogLevel.Error, "The door station did not restart with the new settings")]
    public static partial void StationRestartFailed(ILogger logger, Exception exception);

    [LoggerMessage(1040, LogLevel.Error, "Configuration {Path} refused: {Problem}. It is kept as {RejectedPath}; running on the last good configuration {LastGoodPath} until the settings are saved")]
    public static partial void ConfigurationRefused(ILogger logger, string path, string problem, string rejectedPath, string lastGoodPath);

    [LoggerMessage(1041, LogLevel.Warning, "Deleted {Count} temporary file(s) left by an interrupted configuration save: {Files}")]
    public static partial void SaveLeftoversDeleted(ILogger logger, int count, string files);

    [LoggerMessage(1042, LogLevel.Warning, "The last good configuration is not kept: {Problem}")]
    public static partial void LastGoodNotKept(ILogger logger, string problem);

    [LoggerMessage(1043, LogLevel.Warning, "The refused configuration stays where it is: {Problem}")]
    public static partial void RefusedFileNotMoved(ILogger logger, string problem);
}
