using Microsoft.Extensions.Logging;

namespace Intercom.Station.Runtime;

/// <summary>Log messages of the station runtime (event ids 6200-6219).</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 6200, Level = LogLevel.Information, Message = "Door station started: SIP on {EndPoint}, {Accounts} account(s)")]
    public static partial void Started(ILogger logger, string endPoint, int accounts);

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "Inbound call from {Caller} ({Source}, account {Account}) refused with 403: not on the allow-list ({Suppressed} earlier refusals not logged)")]
    public static partial void InboundRefused(ILogger logger, string caller, string source, string account, int suppressed);
}
