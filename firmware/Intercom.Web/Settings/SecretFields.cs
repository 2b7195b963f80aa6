using System.Text.Json.Nodes;

namespace Intercom.Web.Settings;

/// <summary>
/// The configuration's secrets by JSON path: never sent to the browser, left out of backups, and kept when a form or
/// a restore leaves them empty (password fields are write-only). A path ends at an object key; <c>[]</c> stands for
/// every item of a list (<c>sip.accounts[].password</c>). The door station adds its secrets here.
/// </summary>
public static class SecretFields
{
    /// <summary>Every secret path.</summary>
    public static IReadOnlyList<string> Paths { get; } =
    [
        "security.adminPasswordHash",
        "security.apiTokens",
        "mqtt.password",
        "mqtt.commandToken",
        "webhooks.targets[].secret",
    ];

    /// <summary>Removes every secret from <paramref name="root"/> (a whole configuration).</summary>
    public static void Strip(JsonObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var path in Paths)
        {
            foreach (var (parent, key) in Locate(root, path))
            {
                parent.Remove(key);
            }
        }
    }

    /// <summary>Where <paramref name="candidate"/> has no value or an empty string for a secret, copies it from <paramref name="current"/>.</summary>
    public static void KeepUnchanged(JsonObject candidate, JsonObject current)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(current);
        foreach (var path in Paths)
        {
            foreach (var (parent, key, index) in LocateWithIndex(candidate, path))
            {
                var given = parent[key];
                if (given is not null && !(given is JsonValue value && value.TryGetValue<string>(out var text) && text.Length == 0))
                {
                    continue;
                }

                var stored = Lookup(current, path, index);
                if (stored is null)
                {
                    parent.Remove(key);
                }
                else
                {
                    parent[key] = stored.DeepClone();
                }
            }
        }
    }

    private static IEnumerable<(JsonObject Parent, string Key)> Locate(JsonObject root, string path) =>
        LocateWithIndex(root, path).Select(found => (found.Parent, found.Key));

    /// <summary>Every object that should hold the path's last key (existing or not), with the list index on the way.</summary>
    private static List<(JsonObject Parent, string Key, int Index)> LocateWithIndex(JsonObject root, string path)
    {
        var parts = path.Split('.');
        var found = new List<(JsonObject, string, int)>();
        Walk(root, parts, 0, -1, found);
        return found;
    }

    private static void Walk(JsonObject node, string[] parts, int depth, int index, List<(JsonObject, string, int)> found)
    {
        var part = parts[depth];
        if (depth == parts.Length - 1)
        {
            found.Add((node, part, index));
            return;
        }

        if (part.EndsWith("[]", StringComparison.Ordinal))
        {
            if (node[part[..^2]] is JsonArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is JsonObject item)
                    {
                        Walk(item, parts, depth + 1, i, found);
                    }
                }
            }

            return;
        }

        if (node[part] is JsonObject child)
        {
            Walk(child, parts, depth + 1, index, found);
        }
    }

    private static JsonNode? Lookup(JsonObject root, string path, int index)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('.'))
        {
            if (part.EndsWith("[]", StringComparison.Ordinal))
            {
                node = node?[part[..^2]] is JsonArray items && index >= 0 && index < items.Count ? items[index] : null;
            }
            else
            {
                node = node is JsonObject obj ? obj[part] : null;
            }
        }

        return node;
    }
}
