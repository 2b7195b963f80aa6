using System.Text;
using Intercom.Station.Configuration;
using Intercom.Hardware.Configuration;

namespace Intercom.Station.Tests;

public sealed class ConfigurationFileTests
{
    private static ConfigurationLoadResult Parse(string json) => ConfigurationFile.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Load_ShippedDemoConfiguration_IsValidAndSimulated()
    {
        var result = ConfigurationFile.Load(RepositoryPaths.DemoConfiguration);

        Assert.Empty(result.Errors);
        Assert.Equal(GpioDriverKind.Simulated, result.Options!.Hardware.Gpio.Driver);
        Assert.Equal(["door", "door2", "exit", "contact", "tamper"], result.Options.Hardware.Inputs.Select(i => i.Name));
        Assert.Equal(TimeSpan.FromMilliseconds(50), result.Options.Hardware.Inputs[3].DebounceTime);
        Assert.Equal(RelayMode.Bistable, result.Options.Hardware.Relays[2].Mode);
    }

    [Fact]
    public void Load_ShippedDeviceConfiguration_IsValidForWaveshareWithLibgpiod()
    {
        var result = ConfigurationFile.Load(RepositoryPaths.DeviceConfiguration);

        Assert.Empty(result.Errors);
        Assert.Equal(GpioDriverKind.Libgpiod, result.Options!.Hardware.Gpio.Driver);
        Assert.Equal("waveshare-rpi-relay-board", result.Options.Hardware.Board);
    }

    [Theory]
    [InlineData("{\"hardware\":{\"relays\":[null]}}", "hardware.relays[0]")]
    [InlineData("{\"sip\":{\"accounts\":[null]}}", "sip.accounts[0]")]
    [InlineData("{\"station\":{\"buttons\":[{\"input\":\"door\"}, null]}}", "station.buttons[1]")]
    public void Parse_NullListEntry_RefusedNamingTheEntry(string json, string path)
    {
        // Found by fuzzing (target web-settings): the serializer's nullable check skips list items, so a null relay or
        // SIP account reached the validators and threw NullReferenceException.
        var result = Parse(json);

        Assert.False(result.Succeeded);
        Assert.StartsWith(path + ": null is not allowed in a list", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyObject_GivesValidDefaults()
    {
        var result = Parse("{}");

        Assert.True(result.Succeeded);
        Assert.Equal("any", result.Options!.Web.ListenAddress);
        Assert.Equal(443, result.Options.Web.HttpsPort);
        Assert.Equal("", result.Options.Security.AdminPasswordHash);
        Assert.Equal("generic", result.Options.Hardware.Board);
    }

    [Fact]
    public void Parse_MisspeltField_NamesItsPathAndLine()
    {
        var result = Parse("""
            {
              "hardware": {
                "relays": [ { "name": "strike", "pin": 17, "pulseTime": "00:00:03" } ]
              }
            }
            """);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("hardware.relays[0].pulseTime (line 3): unknown field", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DurationAsNumber_SaysTheFormat()
    {
        var result = Parse("""{ "hardware": { "relays": [ { "name": "strike", "pin": 17, "pulseDuration": 3 } ] } }""");

        var error = Assert.Single(result.Errors);
        Assert.Equal("hardware.relays[0].pulseDuration (line 1): wrong type; expected a duration string \"hh:mm:ss.fff\", e.g. \"00:00:03\"", error);
    }

    [Fact]
    public void Parse_UnknownEnumName_IsRejectedAndNumbersAreNot()
    {
        Assert.Equal(
            "hardware.gpio.driver (line 1): wrong type; expected one of \"simulated\", \"libgpiod\"",
            Assert.Single(Parse("""{ "hardware": { "gpio": { "driver": "sysfs" } } }""").Errors));
        Assert.StartsWith("hardware.gpio.driver", Assert.Single(Parse("""{ "hardware": { "gpio": { "driver": 1 } } }""").Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "web": { "httpsPort": "8443" } }""", "web.httpsPort (line 1): wrong type; expected a whole number")]
    [InlineData("""{ "audio": { "microphoneGainDb": "loud" } }""", "audio.microphoneGainDb (line 1): wrong type; expected a number")]
    [InlineData("""{ "audio": { "backend": "pulse" } }""", "audio.backend (line 1): wrong type; expected one of \"alsa\", \"simulated\"")]
    [InlineData("""{ "hardware": { "inputs": {} } }""", "hardware.inputs (line 1): wrong type; expected a list [ ... ]")]
    [InlineData("""{ "hardware": { "inputs": [ { "name": "d", "pin": 5, "activeLow": "yes" } ] } }""", "hardware.inputs[0].activeLow (line 1): wrong type; expected true or false")]
    [InlineData("""{ "hardware": { "inputs": [ { "name": "d", "pin": 5, "kind": "bell" } ] } }""", "hardware.inputs[0].kind (line 1): wrong type; expected one of \"doorButton\", \"exitButton\", \"doorContact\", \"tamper\"")]
    [InlineData("""{ "web": {}, "web": {} }""", "web (line 1): a field is given twice; keep one of them")]
    public void Parse_WrongType_SaysWhatIsExpected(string json, string expected)
    {
        Assert.StartsWith(expected, Assert.Single(Parse(json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BrokenJson_GivesLine()
    {
        var error = Assert.Single(Parse("{\n  \"web\": { \"httpPort\": 8080,, }\n}").Errors);

        Assert.Contains("(line 2)", error, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NullSection_SaysHowToFix()
    {
        Assert.Equal(
            "hardware (line 1): null is not allowed here; remove the field to use its default or give a value",
            Assert.Single(Parse("""{ "hardware": null }""").Errors));
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsAllOfThem()
    {
        var result = Parse("""
            {
              "hardware": { "relays": [ { "name": "strike", "pin": 40 } ] },
              "web": { "listenAddress": "everywhere", "httpsPort": 70000 },
              "audio": { "microphoneGainDb": 40 }
            }
            """);

        Assert.Equal(4, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.StartsWith("hardware.relays[0].pin:", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("web.listenAddress: \"everywhere\" is not an IP address", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("web.httpsPort:", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("audio.microphoneGainDb: MicrophoneGainDb is 40", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "web": { "apiRequestsPerSecond": 0 } }""", "web.apiRequestsPerSecond: 0 is out of range")]
    [InlineData("""{ "web": { "apiRequestsPerSecond": 10, "apiBurstRequests": 5 } }""", "web.apiBurstRequests: 5 is out of range; use at least apiRequestsPerSecond (10)")]
    public void Parse_ApiRateLimitOutOfRange_NamesTheField(string json, string expected)
    {
        Assert.StartsWith(expected, Assert.Single(Parse(json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ApiRateLimit_DefaultsAndGivenValues()
    {
        var defaults = Parse("{}");
        Assert.Equal((60, 2), (defaults.Options!.Web.ApiBurstRequests, defaults.Options.Web.ApiRequestsPerSecond));
        var given = Parse("""{ "web": { "apiBurstRequests": 200, "apiRequestsPerSecond": 20 } }""");
        Assert.Equal((200, 20), (given.Options!.Web.ApiBurstRequests, given.Options.Web.ApiRequestsPerSecond));
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_AreAccepted()
    {
        Assert.True(Parse("{ // the web page\n \"web\": { \"httpsPort\": 9443, }, }").Succeeded);
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        using var directory = new TemporaryDirectory();

        var error = Assert.Single(ConfigurationFile.Load(directory.File("absent.json")).Errors);

        Assert.Contains("no such file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_RoundTrips_WithCamelCaseNamesAndNoNulls()
    {
        var options = ConfigurationFile.Load(RepositoryPaths.DemoConfiguration).Options!;

        var json = Encoding.UTF8.GetString(ConfigurationFile.Serialize(options));
        var again = ConfigurationFile.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Contains("\"kind\": \"doorButton\"", json, StringComparison.Ordinal);
        Assert.Contains("\"pulseDuration\": \"00:00:03\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.True(again.Succeeded);
        Assert.Equal(json, Encoding.UTF8.GetString(ConfigurationFile.Serialize(again.Options!)));
    }

    [Fact]
    public void SameHardware_EqualContentInNewObjects_IsTrue_ChangedPulse_IsFalse()
    {
        var first = ConfigurationFile.Load(RepositoryPaths.DemoConfiguration).Options!.Hardware;
        var second = ConfigurationFile.Load(RepositoryPaths.DemoConfiguration).Options!.Hardware;

        Assert.True(ConfigurationFile.SameHardware(first, second));
        second.Relays[0].PulseDuration = TimeSpan.FromSeconds(4);
        Assert.False(ConfigurationFile.SameHardware(first, second));
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("{")]
    [InlineData("{ \"hardware\": [] }")]
    [InlineData("{ \"hardware\": { \"board\": null } }")]
    [InlineData("{ \"hardware\": { \"inputs\": null } }")]
    [InlineData("{ \"hardware\": { \"inputs\": [ null ] } }")]
    [InlineData("{ \"hardware\": { \"relays\": [ null, { \"name\": null } ] } }")]
    [InlineData("{ \"hardware\": { \"leds\": [ { } ] } }")]
    [InlineData("{ \"hardware\": { \"gpio\": null } }")]
    [InlineData("{ \"hardware\": { \"gpio\": { \"chipLabel\": 5 } } }")]
    [InlineData("{ \"hardware\": { \"inputs\": [ { \"name\": \"door\", \"pin\": 99999999999 } ] } }")]
    [InlineData("{ \"hardware\": { \"relays\": [ { \"name\": \"strike\", \"pin\": 17, \"maximumOnTime\": \"-00:00:01\" } ] } }")]
    [InlineData("{ \"web\": { \"listenAddress\": null } }")]
    [InlineData("{ \"web\": { \"httpPort\": \"8080\" } }")]
    [InlineData("{ \"web\": {}, \"web\": {} }")]
    [InlineData("{ \"security\": { \"adminPasswordHash\": \"secret\" } }")]
    [InlineData("{ \"security\": { \"apiTokens\": [ { \"id\": \"x\" } ] } }")]
    [InlineData("{ \"audio\": { \"sampleRateHz\": 8000 } }")]
    [InlineData("{ \"storage\": { \"stateDirectory\": \"\" } }")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")]
    public void Parse_MalformedInput_NeverThrowsAndExplains(string json)
    {
        var result = ConfigurationFile.Parse(Encoding.UTF8.GetBytes(json));

        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, error => Assert.False(string.IsNullOrWhiteSpace(error)));
    }
}
