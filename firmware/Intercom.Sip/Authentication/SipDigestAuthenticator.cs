using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Intercom.Sip.Authentication;

/// <summary>
/// Computes Digest credentials (RFC 7616 §3.4 as profiled for SIP by RFC 3261 §22.4 and RFC 8760):
/// MD5 and SHA-256, their -sess variants, qop=auth with a client nonce and a nonce count.
/// </summary>
public sealed class SipDigestAuthenticator
{
    private const int MaxRememberedNonces = 16;
    private readonly Dictionary<string, int> _nonceCounts = new(StringComparer.Ordinal);

    /// <summary>Builds the Authorization or Proxy-Authorization value for a request.</summary>
    /// <param name="challenge">The challenge being answered.</param>
    /// <param name="user">The authentication user.</param>
    /// <param name="password">The password.</param>
    /// <param name="method">Request method.</param>
    /// <param name="digestUri">The Request-URI text (RFC 3261 §22.4: the uri parameter).</param>
    /// <param name="clientNonce">A fresh random cnonce.</param>
    public string CreateAuthorization(SipDigestChallenge challenge, string user, string password, string method, string digestUri, string clientNonce)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        if (!_nonceCounts.ContainsKey(challenge.Nonce) && _nonceCounts.Count >= MaxRememberedNonces)
        {
            // Servers rotate nonces; only the recent ones can still be in use, so a long-running device forgets the rest.
            _nonceCounts.Clear();
        }

        int count = _nonceCounts.TryGetValue(challenge.Nonce, out int previous) ? previous + 1 : 1;
        _nonceCounts[challenge.Nonce] = count;
        string nonceCount = count.ToString("x8", CultureInfo.InvariantCulture);
        string response = ComputeResponse(challenge, user, password, method, digestUri, clientNonce, nonceCount);

        var builder = new StringBuilder("Digest ");
        builder.Append("username=\"").Append(Escape(user)).Append('"');
        builder.Append(", realm=\"").Append(Escape(challenge.Realm)).Append('"');
        builder.Append(", nonce=\"").Append(Escape(challenge.Nonce)).Append('"');
        builder.Append(", uri=\"").Append(Escape(digestUri)).Append('"');
        builder.Append(", response=\"").Append(response).Append('"');
        builder.Append(", algorithm=").Append(challenge.AlgorithmName);
        if (challenge.Opaque is not null)
        {
            builder.Append(", opaque=\"").Append(Escape(challenge.Opaque)).Append('"');
        }

        if (challenge.QopAuth)
        {
            builder.Append(", qop=auth, nc=").Append(nonceCount).Append(", cnonce=\"").Append(clientNonce).Append('"');
        }

        return builder.ToString();
    }

    /// <summary>RFC 7616 §3.4.1: the response value (lower-case hex).</summary>
    public static string ComputeResponse(SipDigestChallenge challenge, string user, string password, string method, string digestUri, string clientNonce, string nonceCount)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        SipDigestAlgorithm algorithm = challenge.Algorithm;
        string ha1 = Hash(algorithm, $"{user}:{challenge.Realm}:{password}");
        if (algorithm is SipDigestAlgorithm.Md5Session or SipDigestAlgorithm.Sha256Session)
        {
            // RFC 7616 §3.4.2: -sess folds the nonces into A1.
            ha1 = Hash(algorithm, $"{ha1}:{challenge.Nonce}:{clientNonce}");
        }

        string ha2 = Hash(algorithm, $"{method}:{digestUri}");
        return challenge.QopAuth
            ? Hash(algorithm, $"{ha1}:{challenge.Nonce}:{nonceCount}:{clientNonce}:auth:{ha2}")
            : Hash(algorithm, $"{ha1}:{challenge.Nonce}:{ha2}");
    }

    private static string Hash(SipDigestAlgorithm algorithm, string text)
    {
        byte[] data = Encoding.UTF8.GetBytes(text);
        byte[] hash = algorithm switch
        {
#pragma warning disable CA5351 // MD5 is what RFC 3261 digest requires for interop; SHA-256 is preferred when offered.
            SipDigestAlgorithm.Md5 or SipDigestAlgorithm.Md5Session => MD5.HashData(data),
#pragma warning restore CA5351
            _ => SHA256.HashData(data),
        };
        return Convert.ToHexStringLower(hash);
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
