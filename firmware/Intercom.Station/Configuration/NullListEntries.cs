using System.Text.Json;

namespace Intercom.Station.Configuration;

/// <summary>
/// Finds <c>null</c> entries in the lists of configuration JSON. <c>RespectNullableAnnotations</c> refuses a null
/// field but not a null list element (the serializer does not apply it to collection items), so
/// <c>"relays": [null]</c> would reach the validators as a missing relay.
/// </summary>
internal static class NullListEntries
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>One error per null list entry, named by its path (<c>hardware.relays[0]</c>).</summary>
    public static IReadOnlyList<string> Find(ReadOnlySpan<byte> json)
    {
        var errors = new List<string>();
        using var document = JsonDocument.Parse(json.ToArray(), DocumentOptions);
        Walk(document.RootElement, "", errors);
        return errors;
    }

    private static void Walk(JsonElement element, string path, List<string> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", errors);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var itemPath = $"{path}[{index++}]";
                    if (item.ValueKind == JsonValueKind.Null)
                    {
                        errors.Add($"{itemPath}: null is not allowed in a list; remove the entry or give its fields");
                    }
                    else
                    {
                        Walk(item, itemPath, errors);
                    }
                }

                break;
        }
    }
}
