using Microsoft.Extensions.Logging;

namespace Intercom.Integration;

/// <summary>Source-generated log messages of the integration layer (event ids 8000–8099). Secrets never appear.</summary>
internal static partial class IntegrationLog
{
    [LoggerMessage(8000, LogLevel.Debug, "Event {Name} ({Subject})")]
    public static partial void EventRaised(ILogger logger, string name, string subject);

    [LoggerMessage(8010, LogLevel.Information, "MQTT connected to {Broker} as {Username}")]
    public static partial void MqttConnected(ILogger logger, string broker, string username);

    [LoggerMessage(8011, LogLevel.Warning, "MQTT connection to {Broker} failed ({Reason}); retrying in {DelaySeconds:0.0} s")]
    public static partial void MqttConnectFailed(ILogger logger, string broker, string reason, double delaySeconds);

    [LoggerMessage(8012, LogLevel.Warning, "MQTT connection to {Broker} lost ({Reason})")]
    public static partial void MqttDisconnected(ILogger logger, string broker, string reason);

    [LoggerMessage(8013, LogLevel.Warning, "MQTT command on {Topic} refused: {Reason} ({Count} refused so far)")]
    public static partial void MqttCommandRefused(ILogger logger, string topic, string reason, long count);

    [LoggerMessage(8014, LogLevel.Information, "MQTT command {Command} accepted: {Result}")]
    public static partial void MqttCommandAccepted(ILogger logger, string command, string result);

    [LoggerMessage(8015, LogLevel.Error, "MQTT loop failed; it goes on")]
    public static partial void MqttLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(8020, LogLevel.Warning, "Webhook to {Host} failed on attempt {Attempt} of {Attempts}: {Reason}")]
    public static partial void WebhookAttemptFailed(ILogger logger, string host, int attempt, int attempts, string reason);

    [LoggerMessage(8021, LogLevel.Warning, "Webhook queue for {Host} full: {Event} dropped ({Count} dropped so far)")]
    public static partial void WebhookDropped(ILogger logger, string host, string @event, long count);

    [LoggerMessage(8022, LogLevel.Error, "Webhook sender for {Host} failed; it goes on")]
    public static partial void WebhookLoopFailed(ILogger logger, string host, Exception exception);
}
