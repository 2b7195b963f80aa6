using System.Diagnostics.Metrics;

namespace Intercom.Integration;

/// <summary>Counters of the integration layer (meter <c>Intercom.Integration</c>), exported on <c>/metrics</c>.</summary>
internal static class IntegrationMetrics
{
    public const string MeterName = "Intercom.Integration";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> WebhooksDelivered = Meter.CreateCounter<long>("intercom.webhooks.delivered", description: "Webhook deliveries answered with 2xx.");

    public static readonly Counter<long> WebhookFailures = Meter.CreateCounter<long>("intercom.webhooks.failures", description: "Webhook deliveries given up after every attempt.");

    public static readonly Counter<long> WebhookAttemptFailures = Meter.CreateCounter<long>("intercom.webhooks.attempt_failures", description: "Webhook attempts that failed (timeout, refused, non-2xx).");

    public static readonly Counter<long> WebhooksDropped = Meter.CreateCounter<long>("intercom.webhooks.dropped", description: "Webhook events dropped because the queue was full.");

    public static readonly Counter<long> MqttConnects = Meter.CreateCounter<long>("intercom.mqtt.connects", description: "Successful MQTT connections.");

    public static readonly Counter<long> MqttConnectFailures = Meter.CreateCounter<long>("intercom.mqtt.connect_failures", description: "Failed MQTT connection attempts.");

    public static readonly Counter<long> MqttCommandsRefused = Meter.CreateCounter<long>("intercom.mqtt.commands_refused", description: "MQTT commands refused (wrong or missing token, malformed).");

    public static readonly Counter<long> MqttCommandsAccepted = Meter.CreateCounter<long>("intercom.mqtt.commands_accepted", description: "MQTT commands carried out.");

    public static readonly Counter<long> MqttPublicationsDropped = Meter.CreateCounter<long>("intercom.mqtt.publications_dropped", description: "MQTT publications dropped while the queue was full.");
}
