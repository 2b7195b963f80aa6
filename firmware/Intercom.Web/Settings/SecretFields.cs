using System.Text.Json.Nodes;

namespace Intercom.Web.Settings;

/// <summary>
/// The configuration's secrets by JSON path: never sent to the browser, left out of backups, and kept when a form or
/// a restore leaves them empty (password fields are write-only). A path ends at an object key; <c>[]</c> stands for
/// every item of a list (<c>sip.accounts[].password</c>).
/// </summary>
/// <remarks>
/// A form that edits a list of items with secrets (SIP accounts, door codes) marks every item it was given with
/// <see cref="OriginalIndexKey"/>: its position in the stored list. An empty secret is then kept from that same item,
/// even when items before it were removed; an item added in the browser has no mark and keeps nothing.
/// </remarks>
public static class SecretFields
{
    /// <summary>The member a form's list item carries: its index in the stored list (removed before saving).</summary>
    public const string OriginalIndexKey = "$original";

    /// <summary>Every secret path.</summary>
    public static IReadOnlyList<string> Paths { get; } =
    [
        "security.adminPasswordHash",
        "security.apiTokens",
        "sip.accounts[].password",
        "station.doorCodes[].code",
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
            foreach (var found in Locate(root, path, markedLists: null))
            {
                found.Parent.Remove(found.Key);
            }
        }
    }

    /// <summary>
    /// Where <paramref name="candidate"/> has no value or an empty string for a secret, copies it from <paramref name="current"/>.
    /// Items of the lists named in <paramref name="markedLists"/> (<c>sip.accounts</c>) are matched by their
    /// <see cref="OriginalIndexKey"/> mark, other lists by position.
    /// </summary>
    public static void KeepUnchanged(JsonObject candidate, JsonObject current, IReadOnlySet<string>? markedLists = null)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(current);
        foreach (var path in Paths)
        {
            foreach (var (parent, key, index) in Locate(candidate, path, markedLists))
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

    /// <summary>Removes the <see cref="OriginalIndexKey"/> marks from the items of <paramref name="list"/>.</summary>
    public static void RemoveMarks(JsonArray list)
    {
        ArgumentNullException.ThrowIfNull(list);
        foreach (var item in list)
        {
            (item as JsonObject)?.Remove(OriginalIndexKey);
        }
    }

    /// <summary>Every object that should hold the path's last key (existing or not), with the stored list index on the way.</summary>
    private static List<(JsonObject Parent, string Key, int Index)> Locate(JsonObject root, string path, IReadOnlySet<string>? markedLists)
    {
        var parts = path.Split('.');
        var found = new List<(JsonObject, string, int)>();
        Walk(root, parts, 0, -1, "", markedLists, found);
        return found;
    }

    private static void Walk(JsonObject node, string[] parts, int depth, int index, string prefix, IReadOnlySet<string>? markedLists, List<(JsonObject, string, int)> found)
    {
        var part = parts[depth];
        if (depth == parts.Length - 1)
        {
            found.Add((node, part, index));
            return;
        }

        if (part.EndsWith("[]", StringComparison.Ordinal))
        {
            var name = part[..^2];
            var listPath = prefix.Length == 0 ? name : $"{prefix}.{name}";
            if (node[name] is JsonArray items)
            {
                var marked = markedLists?.Contains(listPath) == true;
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is JsonObject item)
                    {
                        Walk(item, parts, depth + 1, marked ? MarkOf(item) : i, listPath, markedLists, found);
                    }
                }
            }

            return;
        }

        if (node[part] is JsonObject child)
        {
            Walk(child, parts, depth + 1, index, prefix.Length == 0 ? part : $"{prefix}.{part}", markedLists, found);
        }
    }

    private static int MarkOf(JsonObject item) =>
        item[OriginalIndexKey] is JsonValue value && value.TryGetValue<int>(out var index) && index >= 0 ? index : -1;

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
