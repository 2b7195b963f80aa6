using System.Security.Cryptography;
using System.Text;
using Intercom.Station.Configuration;

namespace Intercom.Web.Security;

/// <summary>
/// Makes and checks API tokens. A token reads <c>ict_&lt;id&gt;_&lt;secret&gt;</c>: the id (8 bytes, hex) finds the
/// entry, the secret carries 256 random bits. Only the SHA-256 of the whole token is stored (a slow hash is not
/// needed for 256 random bits); the token is shown once, when made.
/// </summary>
public static class ApiTokenIssuer
{
    private const string Prefix = "ict_";

    /// <summary>Makes a token; returns the entry to store and the token to show once.</summary>
    public static (ApiTokenOptions Entry, string Token) Create(string name, IReadOnlyList<string> scopes, DateTimeOffset now)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = SessionStore.RandomToken();
        var token = $"{Prefix}{id}_{secret}";
        var entry = new ApiTokenOptions { Id = id, Name = name, Hash = HashOf(token), Scopes = [.. scopes], Created = now };
        return (entry, token);
    }

    /// <summary>The stored entry <paramref name="token"/> proves; null when it proves none.</summary>
    public static ApiTokenOptions? Verify(string? token, IReadOnlyList<ApiTokenOptions> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (token is null || token.Length > 128 || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var separator = token.IndexOf('_', Prefix.Length);
        if (separator < 0)
        {
            return null;
        }

        var id = token[Prefix.Length..separator];
        var entry = entries.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.Ordinal));
        if (entry is null)
        {
            return null;
        }

        var expected = Convert.FromBase64String(entry.Hash);
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? entry : null;
    }

    /// <summary>True when <paramref name="entry"/> grants <paramref name="scope"/> (admin grants all).</summary>
    public static bool Grants(ApiTokenOptions entry, string scope)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Scopes.Contains(scope) || entry.Scopes.Contains(ApiScope.Admin);
    }

    /// <summary>The stored form of <paramref name="token"/>.</summary>
    public static string HashOf(string token) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
