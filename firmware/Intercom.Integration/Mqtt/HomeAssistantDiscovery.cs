using System.Buffers;
using System.Text.Json;
using Intercom.Station.Configuration;

namespace Intercom.Integration.Mqtt;

/// <summary>
/// Home Assistant MQTT discovery: one retained config message per entity under
/// <c>&lt;discoveryPrefix&gt;/&lt;component&gt;/&lt;node&gt;/&lt;object&gt;/config</c>, all on one device: a doorbell
/// <c>event</c>, a call-state <c>sensor</c>, a door <c>binary_sensor</c>, a registration <c>sensor</c> per account,
/// and (when a command token is set) <c>button</c>s to open the door and hang up.
/// </summary>
public static class HomeAssistantDiscovery
{
    /// <summary>The call states the call sensor can show.</summary>
    public static IReadOnlyList<string> CallStates { get; } = ["idle", "ringing", "answering", "talking"];

    /// <summary>The discovery messages for <paramref name="options"/> and the named SIP accounts.</summary>
    public static IReadOnlyList<(string Topic, byte[] Payload)> Messages(MqttOptions options, IReadOnlyList<string> accounts)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(accounts);
        var topics = new MqttTopics(options.BaseTopic);
        var node = MqttTopics.Level(options.ClientId);
        var messages = new List<(string, byte[])>
        {
            Entity(options, topics, node, "event", "doorbell", "Doorbell", writer =>
            {
                writer.WriteString("state_topic", topics.Ring);
                writer.WriteString("device_class", "doorbell");
                writer.WriteStartArray("event_types");
                writer.WriteStringValue("ring");
                writer.WriteEndArray();
            }),
            Entity(options, topics, node, "sensor", "call", "Call", writer =>
            {
                writer.WriteString("state_topic", topics.Call);
                writer.WriteString("device_class", "enum");
                writer.WriteStartArray("options");
                foreach (var state in CallStates)
                {
                    writer.WriteStringValue(state);
                }

                writer.WriteEndArray();
            }),
            Entity(options, topics, node, "binary_sensor", "door", "Door", writer =>
            {
                writer.WriteString("state_topic", topics.Door);
                writer.WriteString("device_class", "door");
                writer.WriteString("payload_on", "open");
                writer.WriteString("payload_off", "closed");
            }),
        };
        foreach (var account in accounts)
        {
            var id = "registration_" + MqttTopics.Level(account);
            messages.Add(Entity(options, topics, node, "sensor", id, "Registration " + account, writer =>
            {
                writer.WriteString("state_topic", topics.Registration(account));
                writer.WriteString("entity_category", "diagnostic");
            }));
        }

        if (options.CommandToken.Length > 0)
        {
            // The command token travels in the button's payload: the broker's ACL must keep the discovery prefix
            // readable by the home automation only.
            var press = CommandPayload(options.CommandToken);
            messages.Add(Entity(options, topics, node, "button", "open_door", "Open door", writer =>
            {
                writer.WriteString("command_topic", topics.OpenCommand);
                writer.WriteString("payload_press", press);
            }));
            messages.Add(Entity(options, topics, node, "button", "hang_up", "Hang up", writer =>
            {
                writer.WriteString("command_topic", topics.HangUpCommand);
                writer.WriteString("payload_press", press);
            }));
        }

        return messages;
    }

    /// <summary>The config topic of one entity.</summary>
    public static string ConfigTopic(MqttOptions options, string component, string objectId)
    {
        ArgumentNullException.ThrowIfNull(options);
        return $"{options.DiscoveryPrefix}/{component}/{MqttTopics.Level(options.ClientId)}/{objectId}/config";
    }

    private static string CommandPayload(string token)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("token", token);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static (string, byte[]) Entity(MqttOptions options, MqttTopics topics, string node, string component, string objectId, string name, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteString("unique_id", $"{node}_{objectId}");
            writer.WriteString("object_id", $"{node}_{objectId}");
            writer.WriteString("availability_topic", topics.Availability);
            writer.WriteString("payload_available", "online");
            writer.WriteString("payload_not_available", "offline");
            write(writer);
            writer.WriteStartObject("device");
            writer.WriteStartArray("identifiers");
            writer.WriteStringValue("intercom_" + node);
            writer.WriteEndArray();
            writer.WriteString("name", options.DeviceName);
            writer.WriteString("manufacturer", "Intercom");
            writer.WriteString("model", "SIP door station");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return (ConfigTopic(options, component, objectId), buffer.WrittenSpan.ToArray());
    }
}
