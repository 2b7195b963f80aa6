using System.Globalization;
using System.Security.Cryptography;
using Intercom.Media.Srtp;

namespace Intercom.Media.Sdp;

/// <summary>
/// One SDES <c>a=crypto</c> line (RFC 4568 §9.1): tag, crypto suite and the inline master key and salt.
/// <see cref="ToString"/> contains the key: never log it.
/// </summary>
public sealed class SdesCryptoLine
{
    /// <summary>Creates an attribute for a key that is already known.</summary>
    public SdesCryptoLine(int tag, SrtpCryptoSuite suite, byte[] masterKeyAndSalt)
    {
        ArgumentNullException.ThrowIfNull(masterKeyAndSalt);
        Tag = tag;
        Suite = suite;
        MasterKeyAndSalt = masterKeyAndSalt;
    }

    /// <summary>The tag that pairs offer and answer lines.</summary>
    public int Tag { get; }

    /// <summary>The crypto suite.</summary>
    public SrtpCryptoSuite Suite { get; }

    /// <summary>Master key followed by master salt.</summary>
    public byte[] MasterKeyAndSalt { get; }

    /// <summary>A fresh random key for <paramref name="suite"/>.</summary>
    public static SdesCryptoLine Generate(int tag, SrtpCryptoSuite suite)
    {
        var material = new byte[SrtpSuiteParameters.MasterKeyLength(suite) + SrtpSuiteParameters.MasterSaltLength(suite)];
        RandomNumberGenerator.Fill(material);
        return new SdesCryptoLine(tag, suite, material);
    }

    /// <summary>
    /// Parses the value of an <c>a=crypto</c> attribute. Unknown suites, key lengths that do not fit the suite,
    /// MKIs and lifetimes are refused (false), never thrown.
    /// </summary>
    public static bool TryParse(string value, out SdesCryptoLine? attribute)
    {
        ArgumentNullException.ThrowIfNull(value);
        attribute = null;

        // a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]
        string[] parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int tag) || tag > 999_999_999)
        {
            return false;
        }

        SrtpCryptoSuite suite = SrtpSuiteParameters.FromSdesName(parts[1]);
        if (suite == SrtpCryptoSuite.None)
        {
            return false;
        }

        // key-params = "inline:" <key||salt base64> ["|" lifetime] ["|" MKI ":" length]; several keys are joined by ';'.
        string keyParameters = parts[2];
        if (!keyParameters.StartsWith("inline:", StringComparison.OrdinalIgnoreCase) || keyParameters.Contains(';', StringComparison.Ordinal))
        {
            return false;
        }

        string[] fields = keyParameters["inline:".Length..].Split('|');
        for (int i = 1; i < fields.Length; i++)
        {
            // RFC 4568 §6.1: an MKI would change the packet format; we offer none and refuse a key that needs one.
            if (fields[i].Contains(':', StringComparison.Ordinal))
            {
                return false;
            }
        }

        int expectedLength = SrtpSuiteParameters.MasterKeyLength(suite) + SrtpSuiteParameters.MasterSaltLength(suite);
        var material = new byte[expectedLength];
        if (!Convert.TryFromBase64String(fields[0], material, out int written) || written != expectedLength)
        {
            return false;
        }

        attribute = new SdesCryptoLine(tag, suite, material);
        return true;
    }

    /// <summary>The attribute value, including the key.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Tag} {SrtpSuiteParameters.SdesName(Suite)} inline:{Convert.ToBase64String(MasterKeyAndSalt)}");
}
