using Intercom.Integration.Mqtt;
using Intercom.Station.Configuration;

namespace Intercom.Integration.Tests.Mqtt;

/// <summary>The mqtt and webhooks sections: bad values named by their JSON path, secrets never repeated.</summary>
public sealed class IntegrationConfigurationTests
{
    private static MqttOptions GoodMqtt() => new()
    {
        Enabled = true, Host = "broker.local", Username = "door", Password = "broker-password-42", CommandToken = "a-command-token-of-length",
    };

    [Fact]
    public void Defaults_AreValid_AndOff()
    {
        var options = new IntercomOptions();
        Assert.Empty(ConfigurationSections.Validate(options));
        Assert.False(options.Mqtt.Enabled);
        Assert.Empty(options.Webhooks.Targets);
        Assert.False(options.Metrics.AllowAnonymous);
    }

    [Theory]
    [InlineData("host", "mqtt.host")]
    [InlineData("username", "mqtt.username")]
    [InlineData("port", "mqtt.port")]
    [InlineData("baseTopic", "mqtt.baseTopic")]
    [InlineData("discoveryPrefix", "mqtt.discoveryPrefix")]
    [InlineData("commandToken", "mqtt.commandToken")]
    [InlineData("caFile", "mqtt.caFile")]
    [InlineData("reconnect", "mqtt.reconnectMaximumDelay")]
    public void Mqtt_BadField_IsNamedByItsPath_WithoutTheSecrets(string field, string path)
    {
        var options = GoodMqtt();
        switch (field)
        {
            case "host": options.Host = ""; break;
            case "username": options.Username = ""; break;
            case "port": options.Port = 70000; break;
            case "baseTopic": options.BaseTopic = "intercom/#"; break;
            case "discoveryPrefix": options.DiscoveryPrefix = "/homeassistant"; break;
            case "commandToken": options.CommandToken = "short-secret"; break;
            case "caFile": options.CaFile = "/nonexistent/ca.pem"; break;
            case "reconnect": options.ReconnectMaximumDelay = TimeSpan.FromMilliseconds(10); break;
        }

        var failures = new MqttOptionsValidator().Validate(null, options).Failures!.ToArray();

        Assert.Contains(failures, f => f.StartsWith(path + ":", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("broker-password-42", StringComparison.Ordinal) || f.Contains("short-secret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ftp://x/hook", "webhooks.targets[0].url")]
    [InlineData("https://user:pw@x/hook", "webhooks.targets[0].url")]
    public void Webhooks_BadUrl_IsRefused(string url, string path)
    {
        var options = new WebhookOptions { Targets = [new WebhookTargetOptions { Url = url, Secret = "a-long-enough-secret" }] };
        Assert.Contains(new WebhookOptionsValidator().Validate(null, options).Failures!, f => f.StartsWith(path + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void Webhooks_ShortSecretAndUnknownEvent_AreRefusedWithoutTheSecret()
    {
        var options = new WebhookOptions { Targets = [new WebhookTargetOptions { Url = "https://x/hook", Secret = "tiny", Events = ["ring", "explosion"] }] };
        var failures = new WebhookOptionsValidator().Validate(null, options).Failures!.ToArray();

        Assert.Contains(failures, f => f.StartsWith("webhooks.targets[0].secret:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("webhooks.targets[0].events:", StringComparison.Ordinal) && f.Contains("explosion", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("tiny", StringComparison.Ordinal));
    }

    [Fact]
    public void Discovery_WithoutCommandToken_OffersNoButtons()
    {
        var options = GoodMqtt();
        options.CommandToken = "";
        var topics = HomeAssistantDiscovery.Messages(options, ["pbx"]).Select(m => m.Topic).ToArray();

        Assert.DoesNotContain(topics, t => t.Contains("/button/", StringComparison.Ordinal));
        Assert.Contains("homeassistant/sensor/intercom/registration_pbx/config", topics);
        Assert.Contains("homeassistant/event/intercom/doorbell/config", topics);
    }
}
