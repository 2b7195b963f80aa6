using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Intercom.Station.Configuration;
using Intercom.Tools.Fuzz.Engine;
using Intercom.Web.Settings;
using Microsoft.Extensions.Logging.Abstractions;

namespace Intercom.Tools.Fuzz.Targets;

/// <summary>
/// Web form input: the JSON body of <c>POST /web/api/settings/{page}</c> through <see cref="ConfigurationEditor.SavePage"/>
/// into a configuration store on a temporary file. The first byte picks the page. Properties: a save never
/// throws; a refusal lists errors that each name a field; a save leaves a running configuration that validates
/// and a file on disk that loads to the same configuration (all-or-nothing, atomic).
/// </summary>
internal sealed class WebSettingsTarget : IFuzzTarget
{
    // The store saves atomically to a real file; one temporary folder per process, made on first use.
    private readonly Lazy<string> directory = new(() => Directory.CreateTempSubdirectory("intercom-fuzz-web-").FullName);

    public string Name => "web-settings";

    public string Description => "web settings forms (POST JSON per page) through the configuration editor and store";

    public int MaximumInputLength => 16 * 1024;

    public bool IsText => true;

    public IReadOnlyList<byte[]> Dictionary { get; } = SeedResources.Tokens(
        "{", "}", "[", "]", ",", ":", "\"", "null", "true", "false", "0", "-1", "1e400", "\"\"", "\"\\u0000\"", "\"name\"", "\"pin\"",
        "\"channel\"", "\"kind\"", "\"inputs\"", "\"relays\"", "\"leds\"", "\"pulseDuration\"", "\"maximumOnTime\"", "\"00:00:03\"",
        "\"listenAddress\"", "\"httpPort\"", "\"httpsPort\"", "\"sessionIdleTimeout\"", "\"any\"", "\"::1\"", "\"door\"", "\"relay1\"");

    public IReadOnlyList<byte[]> CreateSeeds()
    {
        var seeds = new List<byte[]>();
        IReadOnlyList<SettingsPage> pages = SettingsCatalog.Pages;
        IntercomOptions defaults = new();
        JsonObject document = JsonSerializer.SerializeToNode(defaults, ConfigurationJsonContext.Default.IntercomOptions)!.AsObject();
        for (int i = 0; i < pages.Count; i++)
        {
            // Each page posted with what the form would show for the defaults.
            var body = new JsonObject();
            if (document[pages[i].Section] is JsonObject section)
            {
                foreach (SettingsField field in pages[i].Fields)
                {
                    if (section[field.Key] is JsonNode value)
                    {
                        body[field.Key] = value.DeepClone();
                    }
                }
            }

            seeds.Add([(byte)i, .. Encoding.UTF8.GetBytes(body.ToJsonString())]);
        }

        seeds.Add([0, .. """{"inputs":[{"name":"door","kind":"doorButton","pin":17,"debounceTime":"00:00:00.030"}]}"""u8]);
        return seeds;
    }

    public string Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return "empty";
        }

        SettingsPage page = SettingsCatalog.Pages[input[0] % SettingsCatalog.Pages.Count];
        JsonObject? body;
        try
        {
            // What ASP.NET's body binding does before the endpoint runs; malformed JSON is its 400, not ours.
            body = JsonNode.Parse(input[1..]) as JsonObject;
        }
        catch (JsonException)
        {
            return "not json";
        }

        if (body is null)
        {
            return "not an object";
        }

        string path = Path.Combine(directory.Value, "intercom.json");
        File.Delete(path);
        var store = new ConfigurationStore(path, new IntercomOptions(), NullLogger<ConfigurationStore>.Instance);
        var editor = new ConfigurationEditor(store);
        SaveOutcome outcome = editor.SavePage(page, body);
        if (!outcome.Saved)
        {
            FuzzPropertyException.Check(outcome.Errors.Count > 0, "a refused form has at least one error");
            foreach (FieldError error in outcome.Errors)
            {
                FuzzPropertyException.Check(!string.IsNullOrWhiteSpace(error.Message), "every form error has a message");
            }

            FuzzPropertyException.Check(!File.Exists(path), "a refused form writes nothing");
            return OutcomeLabel.Of($"{page.Id} refused", outcome.Errors[0].Path);
        }

        FuzzPropertyException.Check(ConfigurationSections.Validate(store.Current).Count == 0, "a saved form leaves a valid running configuration");
        ConfigurationLoadResult loaded = ConfigurationFile.Load(path);
        FuzzPropertyException.Check(loaded.Succeeded, "the saved file loads", () => string.Join("; ", loaded.Errors));
        FuzzPropertyException.Check(ConfigurationFile.Serialize(loaded.Options!).AsSpan().SequenceEqual(ConfigurationFile.Serialize(store.Current)),
            "the saved file is the running configuration");
        return $"{page.Id} saved";
    }
}
