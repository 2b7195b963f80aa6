using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Intercom.Sip.Authentication;

/// <summary>A parsed WWW-Authenticate or Proxy-Authenticate Digest challenge (RFC 3261 §22.4, RFC 7616 §3.3).</summary>
public sealed class SipDigestChallenge
{
    /// <summary>The realm the credentials belong to.</summary>
    public string Realm { get; private init; } = string.Empty;

    /// <summary>The server nonce.</summary>
    public string Nonce { get; private init; } = string.Empty;

    /// <summary>Opaque value to echo, or null.</summary>
    public string? Opaque { get; private init; }

    /// <summary>The algorithm.</summary>
    public SipDigestAlgorithm Algorithm { get; private init; }

    /// <summary>The algorithm token as the server wrote it (echoed back).</summary>
    public string AlgorithmName { get; private init; } = "MD5";

    /// <summary>True when the server offered qop=auth.</summary>
    public bool QopAuth { get; private init; }

    /// <summary>True when the nonce was stale: retry with the new nonce without treating it as a failure (RFC 7616 §3.3).</summary>
    public bool Stale { get; private init; }

    /// <summary>
    /// Parses a challenge; false for other schemes, malformed text, or algorithms we do not implement
    /// (SHA-512-256 needs a hash .NET does not ship; a server offering it also offers SHA-256 or MD5).
    /// </summary>
    public static bool TryParse(string header, [NotNullWhen(true)] out SipDigestChallenge? challenge)
    {
        challenge = null;
        ReadOnlySpan<char> text = header.AsSpan().Trim();
        if (text.Length < 7 || !text[..6].Equals("Digest", StringComparison.OrdinalIgnoreCase) || !char.IsWhiteSpace(text[6]))
        {
            return false;
        }

        Dictionary<string, string> parameters = ParseParameters(text[7..]);
        if (!parameters.TryGetValue("realm", out string? realm) || !parameters.TryGetValue("nonce", out string? nonce))
        {
            return false;
        }

        string algorithmName = parameters.GetValueOrDefault("algorithm") ?? "MD5";
        SipDigestAlgorithm? algorithm = algorithmName.ToUpperInvariant() switch
        {
            "MD5" => SipDigestAlgorithm.Md5,
            "MD5-SESS" => SipDigestAlgorithm.Md5Session,
            "SHA-256" => SipDigestAlgorithm.Sha256,
            "SHA-256-SESS" => SipDigestAlgorithm.Sha256Session,
            _ => null,
        };
        if (algorithm is null)
        {
            return false;
        }

        bool qopAuth = false;
        if (parameters.TryGetValue("qop", out string? qop))
        {
            foreach (string option in qop.Split(','))
            {
                qopAuth |= option.Trim().Equals("auth", StringComparison.OrdinalIgnoreCase);
            }

            if (!qopAuth)
            {
                // Only auth-int offered: we do not implement it.
                return false;
            }
        }

        challenge = new SipDigestChallenge
        {
            Realm = realm,
            Nonce = nonce,
            Opaque = parameters.GetValueOrDefault("opaque"),
            Algorithm = algorithm.Value,
            AlgorithmName = algorithmName,
            QopAuth = qopAuth,
            Stale = string.Equals(parameters.GetValueOrDefault("stale"), "true", StringComparison.OrdinalIgnoreCase),
        };
        return true;
    }

    /// <summary>Splits auth-params (name=token or name="quoted") separated by commas.</summary>
    internal static Dictionary<string, string> ParseParameters(ReadOnlySpan<char> text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            int nameStart = i;
            while (i < text.Length && text[i] != '=' && text[i] != ',' && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            string name = text[nameStart..i].ToString();
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length || text[i] != '=')
            {
                continue;
            }

            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var value = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    value.Append(text[i]);
                    i++;
                }

                i++;
            }
            else
            {
                while (i < text.Length && text[i] != ',')
                {
                    value.Append(text[i]);
                    i++;
                }
            }

            if (name.Length > 0)
            {
                result[name] = value.ToString().Trim();
            }
        }

        return result;
    }
}
