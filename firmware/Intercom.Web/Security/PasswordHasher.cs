using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Intercom.Web.Security;

/// <summary>
/// The administrator password's hash: PBKDF2 with HMAC-SHA-256 (RFC 8018 §5.2), a random 16-byte salt per password
/// and 600 000 iterations (the OWASP figure for PBKDF2-HMAC-SHA256), encoded
/// <c>pbkdf2-sha256$iterations$salt$hash</c> with base64 fields.
/// </summary>
public static class PasswordHasher
{
    /// <summary>Iterations for new hashes.</summary>
    public const int Iterations = 600_000;

    /// <summary>Shortest password accepted.</summary>
    public const int MinimumLength = 10;

    /// <summary>Longest password accepted (PBKDF2 over a huge password is a denial of service).</summary>
    public const int MaximumLength = 256;

    private const string Algorithm = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>Why <paramref name="password"/> cannot be used; null when it can.</summary>
    public static string? CheckStrength(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            return $"use at least {MinimumLength} characters";
        }

        if (password.Length > MaximumLength)
        {
            return $"use at most {MaximumLength} characters";
        }

        return password.Distinct().Count() < 4 ? "use more different characters" : null;
    }

    /// <summary>Hashes <paramref name="password"/> with a fresh salt.</summary>
    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, Iterations);
        return string.Create(CultureInfo.InvariantCulture, $"{Algorithm}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>True when <paramref name="password"/> matches <paramref name="encoded"/>; false for any malformed hash.</summary>
    public static bool Verify(string password, string encoded)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(encoded);
        var parts = encoded.Split('$');
        if (parts.Length != 4 || parts[0] != Algorithm || password.Length > MaximumLength
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations is < 100_000 or > 10_000_000)
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        if (expected.Length != HashBytes)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Derive(password, salt, iterations), expected);
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
