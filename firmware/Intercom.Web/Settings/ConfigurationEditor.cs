using System.Text.Json;
using System.Text.Json.Nodes;
using Intercom.Station.Configuration;

namespace Intercom.Web.Settings;

/// <summary>
/// Changes the configuration the way the web page needs: read a section without its secrets, save a page's fields,
/// back up and restore without secrets, reset to factory settings. Every change is built as a whole new
/// configuration, parsed with the file's own rules (so a wrong type is reported with its path), validated and saved
/// all-or-nothing by <see cref="ConfigurationStore.TryApply"/>, which applies it live.
/// </summary>
public sealed class ConfigurationEditor
{
    /// <summary>Sections a factory reset keeps: the wiring, where state lives and how to reach the page.</summary>
    public static IReadOnlyList<string> KeptByFactoryReset { get; } = ["hardware", "storage", "web"];

    private static readonly JsonSerializerOptions Indented = new(ConfigurationJsonContext.Default.Options) { WriteIndented = true };
    private readonly ConfigurationStore _store;
    private readonly Lock _gate = new();

    /// <summary>Edits <paramref name="store"/>.</summary>
    public ConfigurationEditor(ConfigurationStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>The running configuration as JSON, secrets included (server side only).</summary>
    public JsonObject CurrentDocument() =>
        JsonSerializer.SerializeToNode(_store.Current, ConfigurationJsonContext.Default.IntercomOptions)!.AsObject();

    /// <summary>
    /// The fields of <paramref name="page"/> as the form shows them: secrets removed, each item of a list marked
    /// with its index (<see cref="SecretFields.OriginalIndexKey"/>) so a save can keep the secrets of the items it keeps.
    /// </summary>
    public JsonObject ReadPage(SettingsPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var root = CurrentDocument();
        SecretFields.Strip(root);
        var section = root[page.Section] as JsonObject ?? [];
        var result = new JsonObject();
        foreach (var key in TopLevelKeys(page))
        {
            if (section[key] is { } value)
            {
                result[key] = value.DeepClone();
            }
        }

        foreach (var list in ListKeys(page))
        {
            if (Find(result, list) is JsonArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is JsonObject item)
                    {
                        item[SecretFields.OriginalIndexKey] = i;
                    }
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Saves <paramref name="posted"/> (the page's top-level keys; a missing key goes back to its default) into
    /// the page's section. Empty secrets keep their stored value.
    /// </summary>
    public SaveOutcome SavePage(SettingsPage page, JsonObject posted)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(posted);
        if (Unreadable(posted) is { } problem)
        {
            return SaveOutcome.Rejected([$"{page.Section}: {problem}"]);
        }

        lock (_gate)
        {
            var current = CurrentDocument();
            var candidate = (JsonObject)current.DeepClone();
            if (candidate[page.Section] is not JsonObject section)
            {
                section = [];
                candidate[page.Section] = section;
            }

            var keys = TopLevelKeys(page).ToHashSet(StringComparer.Ordinal);
            var unknown = posted.Select(pair => pair.Key).Where(key => !keys.Contains(key)).ToArray();
            if (unknown.Length > 0)
            {
                return SaveOutcome.Rejected(unknown.Select(key => $"{page.Section}.{key}: not a field of this page; reload the page"));
            }

            foreach (var key in keys)
            {
                section.Remove(key);
                if (posted[key] is { } value)
                {
                    section[key] = value.DeepClone();
                }
            }

            var marked = ListKeys(page).Select(list => $"{page.Section}.{list}").ToHashSet(StringComparer.Ordinal);
            SecretFields.KeepUnchanged(candidate, current, marked);
            foreach (var list in ListKeys(page))
            {
                if (Find(section, list) is JsonArray items)
                {
                    SecretFields.RemoveMarks(items);
                }
            }

            return Apply(candidate);
        }
    }

    /// <summary>The configuration as a backup file: every section but <c>security</c>, no secrets.</summary>
    public byte[] Backup()
    {
        var root = CurrentDocument();
        SecretFields.Strip(root);
        root.Remove("security");
        return System.Text.Encoding.UTF8.GetBytes(root.ToJsonString(Indented));
    }

    /// <summary>
    /// Restores a backup: its sections replace the running ones, <c>security</c> (password, tokens) stays as it is, and
    /// secrets the backup lacks keep their stored values. Nothing changes unless all of it is valid.
    /// </summary>
    public SaveOutcome Restore(ReadOnlySpan<byte> backup)
    {
        JsonObject? restored;
        try
        {
            restored = JsonNode.Parse(backup, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject;
        }
        catch (JsonException exception)
        {
            return SaveOutcome.Rejected([$"backup: not a JSON file: {exception.Message}"]);
        }

        if (restored is null)
        {
            return SaveOutcome.Rejected(["backup: the file holds no JSON object; choose a file this page saved"]);
        }

        if (Unreadable(restored) is { } problem)
        {
            return SaveOutcome.Rejected([$"backup: {problem}"]);
        }

        lock (_gate)
        {
            var current = CurrentDocument();
            restored.Remove("security");
            if (current["security"] is { } security)
            {
                restored["security"] = security.DeepClone();
            }

            SecretFields.KeepUnchanged(restored, current);
            return Apply(restored);
        }
    }

    /// <summary>Factory settings: every section but <see cref="KeptByFactoryReset"/> back to defaults; no password, no tokens.</summary>
    public SaveOutcome FactoryReset()
    {
        lock (_gate)
        {
            var current = CurrentDocument();
            var reset = new JsonObject();
            foreach (var section in KeptByFactoryReset)
            {
                if (current[section] is { } kept)
                {
                    reset[section] = kept.DeepClone();
                }
            }

            return Apply(reset);
        }
    }

    /// <summary>Replaces the security section through <paramref name="change"/> (password, tokens).</summary>
    public ConfigurationApplyResult ChangeSecurity(Func<SecurityOptions, SecurityOptions> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            // Every other section is kept: a password or token change must not drop the SIP accounts or call plans.
            var options = _store.Current;
            return _store.TryApply(options.WithSecurity(change(options.Security)));
        }
    }

    private SaveOutcome Apply(JsonObject candidate)
    {
        var parsed = ConfigurationFile.Parse(System.Text.Encoding.UTF8.GetBytes(candidate.ToJsonString()));
        if (parsed.Options is not IntercomOptions options)
        {
            return SaveOutcome.Rejected(parsed.Errors);
        }

        var applied = _store.TryApply(options);
        return applied.Applied ? SaveOutcome.Success : SaveOutcome.Rejected(applied.Errors);
    }

    private static IEnumerable<string> TopLevelKeys(SettingsPage page) =>
        page.Fields.Select(field => field.Key.Split('.')[0]).Distinct(StringComparer.Ordinal);

    private static IEnumerable<string> ListKeys(SettingsPage page) =>
        page.Fields.Where(field => field.Kind == SettingsField.ListKind).Select(field => field.Key);

    private static JsonNode? Find(JsonObject root, string dottedKey)
    {
        JsonNode? node = root;
        foreach (var part in dottedKey.Split('.'))
        {
            node = node is JsonObject obj ? obj[part] : null;
        }

        return node;
    }

    /// <summary>
    /// A parsed <see cref="JsonObject"/> reads its members lazily: a duplicate member name or invalid UTF-8 in a
    /// name only throws when it is first enumerated, deep inside a save. Found by fuzzing (web-settings target);
    /// walking the whole tree once turns that into a clean refusal.
    /// </summary>
    private static string? Unreadable(JsonNode node)
    {
        try
        {
            Walk(node);
            return null;
        }
        catch (ArgumentException)
        {
            return "a field is given twice; keep one of them";
        }
        catch (InvalidOperationException)
        {
            return "a field name or text value is not valid UTF-8";
        }

        static void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (KeyValuePair<string, JsonNode?> member in obj)
                    {
                        Walk(member.Value);
                    }

                    break;
                case JsonArray array:
                    foreach (JsonNode? item in array)
                    {
                        Walk(item);
                    }

                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    // System.Text.Json transcodes a string only when it is read: invalid UTF-8 throws here, at the
                    // door, not in the middle of a save.
                    _ = value.GetValue<string>();
                    break;
            }
        }
    }
}
