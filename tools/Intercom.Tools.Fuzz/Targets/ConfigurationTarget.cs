using System.Text;
using Intercom.Station.Configuration;
using Intercom.Tools.Fuzz.Engine;

namespace Intercom.Tools.Fuzz.Targets;

/// <summary>
/// The configuration loader (<see cref="ConfigurationFile.Parse"/>): JSON from disk or the web page through the
/// source-generated reader and every section's validator. Properties: anything turns into either options or
/// a list of errors, each naming a field (<c>path: message</c>); good options saved and loaded again are the same
/// options (the atomic save writes what the next boot reads).
/// </summary>
internal sealed class ConfigurationTarget : IFuzzTarget
{
    public string Name => "config";

    public string Description => "configuration JSON loader and validators; clean errors, save-load round trip";

    public int MaximumInputLength => 64 * 1024;

    public bool IsText => true;

    public IReadOnlyList<byte[]> Dictionary { get; } = SeedResources.Tokens(
        "{", "}", "[", "]", ",", ":", "\"", "null", "true", "false", "0", "-1", "1e400", "2147483648", "\"\\u0000\"", "\"\\ud800\"",
        "// x\n", "/* x */", "\"hardware\"", "\"web\"", "\"audio\"", "\"security\"", "\"storage\"", "\"httpPort\"", "\"httpsPort\"", "\"gpio\"", "\"driver\"", "\"simulated\"", "\"libgpiod\"", "\"chipLabel\"",
        "\"libgpiodApiVersion\"", "\"board\"", "\"inputs\"", "\"relays\"", "\"leds\"", "\"name\"", "\"kind\"", "\"pin\"", "\"channel\"",
        "\"activeLow\"", "\"bias\"", "\"debounceTime\"", "\"minimumPressDuration\"", "\"mode\"", "\"pulseDuration\"",
        "\"maximumOnTime\"", "\"listenAddress\"", "\"doorButton\"", "\"bistable\"", "\"pullUp\"", "\"00:00:03\"",
        "\"10675199.02:48:05.4775807\"", "\"-00:00:01\"", "\"99:99:99\"", "\"::1\"", "\"0.0.0.0\"", "\"relay1\"", "\"generic\"");

    public IReadOnlyList<byte[]> CreateSeeds() => SeedResources.Load("config");

    public string Run(ReadOnlySpan<byte> input)
    {
        ConfigurationLoadResult result = ConfigurationFile.Parse(input);
        if (!result.Succeeded)
        {
            FuzzPropertyException.Check(result.Errors.Count > 0, "a refused configuration has at least one error");
            foreach (string error in result.Errors)
            {
                // The field part may be odd (an unknown field is named as written, even ":"), but the form holds.
                int colon = error.IndexOf(": ", StringComparison.Ordinal);
                FuzzPropertyException.Check(colon >= 0 && colon < error.Length - 2 && !string.IsNullOrWhiteSpace(error[(colon + 2)..]), "every error reads 'field: what is wrong'", () => error);
            }

            return OutcomeLabel.Of("refused", FirstField(result.Errors[0]));
        }

        byte[] saved = ConfigurationFile.Serialize(result.Options!);
        ConfigurationLoadResult reloaded = ConfigurationFile.Parse(saved);
        FuzzPropertyException.Check(reloaded.Succeeded, "saved good options load again",
            () => string.Join("; ", reloaded.Errors) + " in " + Encoding.UTF8.GetString(saved));
        byte[] savedAgain = ConfigurationFile.Serialize(reloaded.Options!);
        FuzzPropertyException.Check(saved.AsSpan().SequenceEqual(savedAgain), "save, load, save writes the same file");
        return "accepted";
    }

    private static string FirstField(string error)
    {
        // "hardware.relays[0].pulseDuration: ..." -> "hardware.relays[#].pulseDuration" (a stable label).
        int colon = error.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? error : error[..colon];
    }
}
