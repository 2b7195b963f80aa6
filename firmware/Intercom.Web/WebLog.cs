using Microsoft.Extensions.Logging;

namespace Intercom.Web;

/// <summary>Source-generated log messages of the web page and API (event ids 1100–1199). Never a password, token or cookie.</summary>
internal static partial class WebLog
{
    [LoggerMessage(1100, LogLevel.Information, "HTTPS certificate {Path}: SHA-256 fingerprint {Fingerprint}{Created}")]
    public static partial void Certificate(ILogger logger, string path, string fingerprint, string created);

    [LoggerMessage(1101, LogLevel.Information, "Web page: {Url}")]
    public static partial void Url(ILogger logger, string url);

    [LoggerMessage(1102, LogLevel.Warning, "No administrator password yet: the first visitor of the web page sets it")]
    public static partial void NoPassword(ILogger logger);

    [LoggerMessage(1103, LogLevel.Information, "Administrator password set from {Client}")]
    public static partial void PasswordSet(ILogger logger, string client);

    [LoggerMessage(1104, LogLevel.Information, "Login from {Client}")]
    public static partial void LoginSucceeded(ILogger logger, string client);

    [LoggerMessage(1105, LogLevel.Warning, "Failed login from {Client}; next attempt allowed in {RetryAfterSeconds:F0} s{LockedOut}")]
    public static partial void LoginFailed(ILogger logger, string client, double retryAfterSeconds, string lockedOut);

    [LoggerMessage(1106, LogLevel.Warning, "Login refused for {Client}: throttled for {RetryAfterSeconds:F0} s more")]
    public static partial void LoginThrottled(ILogger logger, string client, double retryAfterSeconds);

    [LoggerMessage(1107, LogLevel.Warning, "Request refused: {Method} {Path} from {Client}: {Reason}")]
    public static partial void Refused(ILogger logger, string method, string path, string client, string reason);

    [LoggerMessage(1108, LogLevel.Information, "{What} by {Client}")]
    public static partial void AdminAction(ILogger logger, string what, string client);

    [LoggerMessage(1109, LogLevel.Error, "Dashboard stream failed")]
    public static partial void StreamFailed(ILogger logger, Exception exception);
}
