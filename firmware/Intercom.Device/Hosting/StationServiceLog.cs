using Microsoft.Extensions.Logging;

namespace Intercom.Device.Hosting;

/// <summary>Log messages of the station service (event ids 1100-1109).</summary>
internal static partial class StationServiceLog
{
    [LoggerMessage(1100, LogLevel.Warning, "Audio: {Warning}")]
    public static partial void AudioWarning(ILogger logger, string warning);
}
