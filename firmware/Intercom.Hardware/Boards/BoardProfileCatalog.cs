using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;

namespace Intercom.Hardware.Boards;

/// <summary>The board profiles shipped inside this assembly (built from <c>hardware/boards/*.json</c>).</summary>
public static class BoardProfileCatalog
{
    private const string ResourcePrefix = "Intercom.Hardware.Boards.";

    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    private static readonly Lazy<FrozenDictionary<string, BoardProfile>> Profiles = new(LoadAll);

    /// <summary>All profile names, sorted.</summary>
    public static IReadOnlyList<string> Names => [.. Profiles.Value.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Finds a profile by name; null when there is none.</summary>
    public static BoardProfile? Find(string name) => Profiles.Value.GetValueOrDefault(name);

    private static FrozenDictionary<string, BoardProfile> LoadAll()
    {
        var assembly = typeof(BoardProfileCatalog).Assembly;
        var profiles = new Dictionary<string, BoardProfile>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var profile = Read(assembly, resource);
            profiles.Add(profile.Name, profile);
        }

        return profiles.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static BoardProfile Read(Assembly assembly, string resource)
    {
        // The profiles are our own build input, not wire input: a broken one is our bug and fails loudly.
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"board profile resource {resource} is missing");
        return JsonSerializer.Deserialize<BoardProfile>(stream, SerializerOptions)
            ?? throw new InvalidOperationException($"board profile {resource} is empty");
    }
}
