using Intercom.Station.Configuration;

namespace Intercom.Station.Tests;

/// <summary>The <c>sip.banList</c> section: defaults on, values read from JSON, bad values named by their JSON path.</summary>
public sealed class SipBanListConfigurationTests
{
    private const string Hardware = """
        "hardware": {
          "gpio": { "driver": "simulated" },
          "inputs": [ { "name": "door", "kind": "doorButton", "channel": "button1" } ],
          "relays": [ { "name": "strike", "channel": "relay1" } ]
        }
        """;

    [Fact]
    public void Parse_NoBanList_EnabledByDefault()
    {
        var loaded = ConfigurationFile.Parse(System.Text.Encoding.UTF8.GetBytes("{" + Hardware + "}"));

        Assert.Empty(loaded.Errors);
        Assert.True(loaded.Options!.Sip.BanList.Enabled);
        Assert.Equal(10, loaded.Options.Sip.BanList.FailureLimit);
    }

    [Fact]
    public void Parse_BanListValues_RoundTrip()
    {
        var json = "{" + Hardware + """
            , "sip": { "banList": { "failureLimit": 3, "banDuration": "01:00:00", "requestsPerSecond": 5, "requestBurst": 10, "trustedAddresses": ["192.168.1.2"] } } }
            """;
        var loaded = ConfigurationFile.Parse(System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Empty(loaded.Errors);

        var again = ConfigurationFile.Parse(ConfigurationFile.Serialize(loaded.Options!));

        Assert.Empty(again.Errors);
        Assert.Equal(3, again.Options!.Sip.BanList.FailureLimit);
        Assert.Equal(TimeSpan.FromHours(1), again.Options.Sip.BanList.BanDuration);
        Assert.Equal(["192.168.1.2"], again.Options.Sip.BanList.TrustedAddresses);
    }

    [Theory]
    [InlineData("""{ "failureLimit": 0 }""", "sip.banList.failureLimit:")]
    [InlineData("""{ "banDuration": "00:00:00" }""", "sip.banList.banDuration:")]
    [InlineData("""{ "requestsPerSecond": 50, "requestBurst": 10 }""", "sip.banList.requestBurst:")]
    [InlineData("""{ "trustedAddresses": ["pbx.local"] }""", "sip.banList.trustedAddresses:")]
    public void Validate_BadBanList_MessageStartsWithTheJsonPath(string banList, string expected)
    {
        var errors = ConfigurationFile.Parse(System.Text.Encoding.UTF8.GetBytes("{" + Hardware + ", \"sip\": { \"banList\": " + banList + " } }")).Errors;

        Assert.Contains(errors, error => error.StartsWith(expected, StringComparison.Ordinal));
    }
}
