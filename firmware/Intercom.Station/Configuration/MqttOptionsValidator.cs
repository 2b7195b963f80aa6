using Microsoft.Extensions.Options;

namespace Intercom.Station.Configuration;

/// <summary>Validates the <c>mqtt</c> section. Messages never repeat the password or the command token.</summary>
public sealed class MqttOptionsValidator : IValidateOptions<MqttOptions>
{
    /// <summary>The shortest command token accepted.</summary>
    public const int MinimumCommandTokenLength = 16;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MqttOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Enabled && string.IsNullOrWhiteSpace(options.Host))
        {
            errors.Add("mqtt.host: empty; give the broker's host name or address, or set mqtt.enabled to false");
        }

        if (options.Port is < 1 or > 65535)
        {
            errors.Add($"mqtt.port: {options.Port}; use 1 to 65535 (1883, or 8883 with TLS)");
        }

        if (options.Enabled && string.IsNullOrEmpty(options.Username))
        {
            errors.Add("mqtt.username: empty; the door station only connects with a broker account (commands must come over an authenticated connection)");
        }

        if (options.CaFile.Length > 0 && !options.UseTls)
        {
            errors.Add("mqtt.caFile: given without TLS; set mqtt.useTls to true or clear the CA file");
        }

        if (options.CaFile.Length > 0 && options.Enabled && !File.Exists(options.CaFile))
        {
            errors.Add($"mqtt.caFile: \"{options.CaFile}\" does not exist; give a PEM file with the broker's CA certificate");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId) || options.ClientId.Length > 64)
        {
            errors.Add("mqtt.clientId: give 1 to 64 characters, unique on the broker");
        }

        CheckTopic(errors, "mqtt.baseTopic", options.BaseTopic);
        CheckTopic(errors, "mqtt.discoveryPrefix", options.DiscoveryPrefix);
        if (string.IsNullOrWhiteSpace(options.DeviceName))
        {
            errors.Add("mqtt.deviceName: empty; give the name Home Assistant shows");
        }

        if (options.CommandToken.Length is > 0 and < MinimumCommandTokenLength)
        {
            errors.Add($"mqtt.commandToken: shorter than {MinimumCommandTokenLength} characters; use a long random token, or leave it empty to turn commands off");
        }

        if (options.KeepAlive < TimeSpan.FromSeconds(5) || options.KeepAlive > TimeSpan.FromMinutes(30))
        {
            errors.Add($"mqtt.keepAlive: {options.KeepAlive}; use 00:00:05 to 00:30:00");
        }

        if (options.ReconnectMinimumDelay < TimeSpan.FromMilliseconds(100) || options.ReconnectMinimumDelay > TimeSpan.FromMinutes(1))
        {
            errors.Add($"mqtt.reconnectMinimumDelay: {options.ReconnectMinimumDelay}; use 00:00:00.1 to 00:01:00");
        }

        if (options.ReconnectMaximumDelay < options.ReconnectMinimumDelay || options.ReconnectMaximumDelay > TimeSpan.FromHours(1))
        {
            errors.Add($"mqtt.reconnectMaximumDelay: {options.ReconnectMaximumDelay}; use mqtt.reconnectMinimumDelay to 01:00:00");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckTopic(List<string> errors, string path, string topic)
    {
        // MQTT 3.1.1 §4.7: wildcards are not allowed in topic names we publish to.
        if (string.IsNullOrWhiteSpace(topic) || topic.AsSpan().IndexOfAny('+', '#', '\0') >= 0 || topic.StartsWith('/') || topic.EndsWith('/'))
        {
            errors.Add($"{path}: \"{topic}\" is not a plain topic; use letters, digits, '-', '_' and '/' between levels, no '+' or '#'");
        }
    }
}
