using CsCheck;
using Intercom.Hardware.Configuration;
using Intercom.Station.Configuration;

namespace Intercom.Fuzz.Tests.Properties;

/// <summary>Generated configurations: what the loader says about a saved file is what the validators say about the options.</summary>
public sealed class ConfigurationPropertyTests
{
    [Fact]
    public void SavedOptions_Load_AgreeWithTheValidators()
    {
        Gen<string> name = Gen.OneOf("door", "exit", "strike", "gate", "led", "Door", "", "a-b", "x y", "very-long-name-that-is-more-than-32-chars");
        Gen<int?> pin = Gen.Int[-2, 40].Nullable(0.3);
        Gen<string?> channel = Gen.OneOf("button1", "relay1", "relay2", "led1", "nope").Null(0.6);
        Gen<TimeSpan> time = Gen.OneOf(0, 1, 30, 80, 3_000, 10_000, 3_600_000, 7_200_000).Select(ms => TimeSpan.FromMilliseconds(ms));
        Gen<InputOptions> input = Gen.Select(name, pin, channel, time, time, (n, p, c, debounce, press) =>
            new InputOptions { Name = n, Pin = p, Channel = c, DebounceTime = debounce, MinimumPressDuration = press });
        Gen<RelayOptions> relay = Gen.Select(name, pin, channel, time, time, (n, p, c, pulse, maximum) =>
            new RelayOptions { Name = n, Pin = p, Channel = c, PulseDuration = pulse, MaximumOnTime = maximum });
        Gen<LedOptions> led = Gen.Select(name, pin, channel, (n, p, c) => new LedOptions { Name = n, Pin = p, Channel = c });
        Gen.Select(input.Array[0, 3], relay.Array[0, 3], led.Array[0, 2], Gen.OneOf("any", "127.0.0.1", "::1", "0.0.0.0", "nonsense"), Gen.Int[-1, 70_000],
            Gen.OneOf("generic", "waveshare-rpi-relay-board", "unknown-board")).Sample((inputs, relays, leds, address, port, board) =>
        {
            var options = new IntercomOptions
            {
                Hardware = new HardwareOptions { Board = board, Inputs = inputs, Relays = relays, Leds = leds },
                Web = new WebOptions { ListenAddress = address, HttpPort = port },
            };
            IReadOnlyList<string> expected = ConfigurationSections.Validate(options);
            byte[] saved = ConfigurationFile.Serialize(options);

            ConfigurationLoadResult loaded = ConfigurationFile.Parse(saved);

            Assert.Equal(expected, loaded.Errors);
            Assert.Equal(expected.Count == 0, loaded.Succeeded);
            if (loaded.Succeeded)
            {
                Assert.Equal(saved, ConfigurationFile.Serialize(loaded.Options!));
            }
        }, iter: 2_000);
    }
}
