using Microsoft.Extensions.Options;

namespace Intercom.Station.Configuration;

/// <summary>Validates the <c>security</c> section. Messages never repeat a hash.</summary>
public sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    /// <summary>The scopes a token may carry.</summary>
    public static IReadOnlyList<string> KnownScopes { get; } = ["read", "door", "call", "admin"];

    /// <summary>Most tokens kept.</summary>
    public const int MaximumTokens = 32;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.AdminPasswordHash.Length > 0 && !LooksLikePasswordHash(options.AdminPasswordHash))
        {
            errors.Add("security.adminPasswordHash: not a password hash this device made; remove the field (the next visit of the web page sets a new password)");
        }

        if (options.ApiTokens.Count > MaximumTokens)
        {
            errors.Add($"security.apiTokens: {options.ApiTokens.Count} tokens; keep at most {MaximumTokens}");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.ApiTokens.Count; i++)
        {
            var path = $"security.apiTokens[{i}]";
            var token = options.ApiTokens[i];
            if (token is null)
            {
                errors.Add($"{path}: null; remove it");
                continue;
            }

            if (token.Id.Length is < 8 or > 32 || !token.Id.All(char.IsAsciiHexDigitLower) || !ids.Add(token.Id))
            {
                errors.Add($"{path}.id: missing, malformed or used twice; remove this token and create a new one on the web page");
            }

            if (token.Name.Length is < 1 or > 40)
            {
                errors.Add($"{path}.name: give 1-40 characters, e.g. \"home assistant\"");
            }

            if (!IsSha256Base64(token.Hash))
            {
                errors.Add($"{path}.hash: not a SHA-256 hash in base64; remove this token and create a new one on the web page");
            }

            if (token.Scopes.Count == 0 || token.Scopes.Any(scope => !KnownScopes.Contains(scope)))
            {
                errors.Add($"{path}.scopes: give one or more of {string.Join(", ", KnownScopes.Select(s => $"\"{s}\""))}");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool LooksLikePasswordHash(string encoded)
    {
        var parts = encoded.Split('$');
        return parts.Length == 4 && parts[0] == "pbkdf2-sha256" && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var iterations)
            && iterations >= 100_000 && IsBase64(parts[2]) && IsSha256Base64(parts[3]);
    }

    private static bool IsSha256Base64(string value)
    {
        Span<byte> buffer = stackalloc byte[48];
        return Convert.TryFromBase64String(value, buffer, out var written) && written == 32;
    }

    private static bool IsBase64(string value)
    {
        Span<byte> buffer = stackalloc byte[96];
        return value.Length <= 128 && Convert.TryFromBase64String(value, buffer, out var written) && written >= 16;
    }
}
