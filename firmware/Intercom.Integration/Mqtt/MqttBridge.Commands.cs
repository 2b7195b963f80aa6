using Intercom.Integration.Events;
using MQTTnet;

namespace Intercom.Integration.Mqtt;

/// <summary>The command topics: open the door, hang up.</summary>
public sealed partial class MqttBridge
{
    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var topic = args.ApplicationMessage.Topic;
        var isOpen = string.Equals(topic, _topics.OpenCommand, StringComparison.Ordinal);
        var isHangUp = string.Equals(topic, _topics.HangUpCommand, StringComparison.Ordinal);
        if (!isOpen && !isHangUp)
        {
            return;
        }

        if (!_authenticated || _options.CommandToken.Length == 0)
        {
            Refuse(topic, "commands need an authenticated connection and a configured command token");
            return;
        }

        var command = MqttCommand.Parse(args.ApplicationMessage.Payload, out var problem);
        if (command is null)
        {
            Refuse(topic, problem);
            return;
        }

        if (!command.HasToken(_options.CommandToken))
        {
            Refuse(topic, "wrong command token");
            return;
        }

        Interlocked.Increment(ref _commandsAccepted);
        IntegrationMetrics.MqttCommandsAccepted.Add(1);
        if (isOpen)
        {
            var relay = command.Relay ?? (_options.DoorRelay.Length > 0 ? _options.DoorRelay : null);
            DoorCommandResult result = _commands.OpenDoor(relay, "an MQTT command");
            IntegrationLog.MqttCommandAccepted(_logger, "open", result.Message);
        }
        else
        {
            var ended = await _commands.HangUpAsync().ConfigureAwait(false);
            IntegrationLog.MqttCommandAccepted(_logger, "hangup", ended ? "call ended" : "no call");
        }
    }

    private void Refuse(string topic, string reason)
    {
        var count = Interlocked.Increment(ref _commandsRefused);
        IntegrationMetrics.MqttCommandsRefused.Add(1);
        // Rate-limited: the first few, then every power of two.
        if (count <= 4 || long.IsPow2(count))
        {
            IntegrationLog.MqttCommandRefused(_logger, topic, reason, count);
        }
    }
}
