using Microsoft.Extensions.Logging;

namespace Intercom.Station.Configuration;

/// <summary>Source-generated log messages of the configuration store (event ids 1001–1007, kept from the device host).</summary>
internal static partial class ConfigurationLog
{
    [LoggerMessage(1001, LogLevel.Warning, "Configuration change rejected with {ErrorCount} problems; the running configuration stays")]
    public static partial void ConfigurationChangeRejected(ILogger logger, int errorCount);

    [LoggerMessage(1002, LogLevel.Error, "Configuration could not be saved to {Path}; the running configuration stays")]
    public static partial void ConfigurationSaveFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(1003, LogLevel.Information, "Configuration saved to {Path} and applied")]
    public static partial void ConfigurationApplied(ILogger logger, string path);

    [LoggerMessage(1006, LogLevel.Error, "A configuration change subscriber failed; the change is saved and in effect")]
    public static partial void ConfigurationSubscriberFailed(ILogger logger, Exception exception);

    [LoggerMessage(1007, LogLevel.Warning, "The configuration is saved but its last good copy {LastGoodPath} could not be written; a later bad file would fall back to an older copy")]
    public static partial void LastGoodNotKept(ILogger logger, string lastGoodPath, Exception exception);
}
