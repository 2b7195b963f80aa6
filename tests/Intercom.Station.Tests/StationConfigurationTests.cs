using Intercom.Station.Configuration;

namespace Intercom.Station.Tests;

public sealed class StationConfigurationTests
{
    private static IReadOnlyList<string> Errors(string json) => ConfigurationFile.Parse(System.Text.Encoding.UTF8.GetBytes(json)).Errors;

    private const string Hardware = """
        "hardware": {
          "gpio": { "driver": "simulated" },
          "inputs": [ { "name": "door", "kind": "doorButton", "channel": "button1" }, { "name": "exit", "kind": "exitButton", "channel": "exit" } ],
          "relays": [ { "name": "strike", "channel": "relay1" } ],
          "leds": [ { "name": "call", "channel": "led1" } ]
        }
        """;

    [Fact]
    public void Parse_DemoConfiguration_IsValidAndHasAStation()
    {
        var loaded = ConfigurationFile.Load(RepositoryPaths.DemoConfiguration);
        Assert.Empty(loaded.Errors);
        Assert.NotEmpty(loaded.Options!.Station.Buttons);
    }

    [Fact]
    public void Parse_GoodStation_RoundTripsThroughSerialize()
    {
        var json = "{" + Hardware + """
            , "sip": { "accounts": [ { "name": "pbx", "user": "door", "registrar": "pbx.local", "password": "pw", "transport": "udp" } ] }
            , "media": { "codecs": ["g722", "pcma"], "srtp": "mandatory" }
            , "station": { "buttons": [ { "input": "door", "mode": "sequential", "targets": [ { "target": "**610", "account": "pbx" } ] } ],
                           "doorCodes": [ { "relay": "strike", "code": "1234" } ], "exitButtonRelay": "strike", "callLed": "call",
                           "secondPress": "restart", "inbound": { "callers": [ { "caller": "+49 30 123", "mode": "listenOnly" } ] } }
            , "storage": { "stateDirectory": "state" }
            }
            """;
        var loaded = ConfigurationFile.Parse(System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Empty(loaded.Errors);

        var again = ConfigurationFile.Parse(ConfigurationFile.Serialize(loaded.Options!));

        Assert.Empty(again.Errors);
        Assert.Equal(CallPlanMode.Sequential, again.Options!.Station.Buttons[0].Mode);
        Assert.Equal(InboundCallMode.ListenOnly, again.Options.Station.Inbound.Callers[0].Mode);
        Assert.Equal("pbx", again.Options.Sip.Accounts[0].Name);
    }

    [Theory]
    [InlineData("""{ "buttons": [ { "input": "exit", "targets": [ { "target": "1" } ] } ] }""", "station.buttons[0].input: \"exit\" is a ExitButton input")]
    [InlineData("""{ "buttons": [ { "input": "door", "targets": [] } ] }""", "station.buttons[0].targets: 0 targets")]
    [InlineData("""{ "buttons": [ { "input": "door", "targets": [ { "target": "1", "account": "nope" } ] } ] }""", "station.buttons[0].targets[0].account: no account named \"nope\"")]
    [InlineData("""{ "doorCodes": [ { "relay": "strike", "code": "12#4" } ] }""", "station.doorCodes[0].code: holds a character")]
    [InlineData("""{ "doorCodes": [ { "relay": "strike", "code": "12345678901234567" } ] }""", "station.doorCodes[0].code: 17 characters")]
    [InlineData("""{ "doorCodes": [ { "relay": "bolt", "code": "1" } ] }""", "station.doorCodes[0].relay: no relay named \"bolt\"")]
    [InlineData("""{ "maximumCallTime": "00:00:05" }""", "station.maximumCallTime:")]
    [InlineData("""{ "callLed": "nope" }""", "station.callLed: no LED named \"nope\"")]
    public void Parse_BadStation_NamesTheFieldAndNeverTheCode(string station, string expected)
    {
        var errors = Errors("{" + Hardware + ", \"station\": " + station + "}");
        Assert.Contains(errors, error => error.StartsWith(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(errors, error => error.Contains("12#4", StringComparison.Ordinal) || error.Contains("12345678901234567", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_BadSipAccount_NamesTheJsonField()
    {
        var errors = Errors("{" + Hardware + """, "sip": { "accounts": [ { "name": "pbx", "user": "", "registrar": "pbx.local", "transport": "sometimes" } ] } }""");
        Assert.Contains(errors, error => error.StartsWith("sip.accounts[0].transport", StringComparison.Ordinal) && error.Contains("\"tls\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BadSipAccount_MessagesStartWithTheJsonPath()
    {
        var errors = Errors("{" + Hardware + """, "sip": { "accounts": [ { "name": "pbx", "user": "", "registrar": "pbx.local" } ] } }""");
        Assert.Contains(errors, error => error.StartsWith("sip.accounts[0].user:", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("sip.accounts[0].password:", StringComparison.Ordinal));
    }
}
