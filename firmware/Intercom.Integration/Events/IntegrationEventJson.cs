using System.Buffers;
using System.Text.Json;

namespace Intercom.Integration.Events;

/// <summary>The JSON body of an event (webhooks, MQTT, the API's event stream).</summary>
public static class IntegrationEventJson
{
    /// <summary>
    /// <c>{"sequence":1,"event":"ring","time":"...","subject":"door","detail":"...","device":"intercom"}</c>;
    /// <paramref name="device"/> names the station.
    /// </summary>
    public static byte[] Serialize(IntegrationEvent integrationEvent, string device)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("sequence", integrationEvent.Sequence);
            writer.WriteString("event", integrationEvent.Name);
            // Home Assistant's MQTT event entity reads the event type from event_type.
            writer.WriteString("event_type", integrationEvent.Name);
            writer.WriteString("time", integrationEvent.Time);
            if (integrationEvent.Subject is null)
            {
                writer.WriteNull("subject");
            }
            else
            {
                writer.WriteString("subject", integrationEvent.Subject);
            }

            writer.WriteString("detail", integrationEvent.Detail);
            writer.WriteString("device", device);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
