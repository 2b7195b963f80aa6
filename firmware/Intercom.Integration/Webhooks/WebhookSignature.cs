using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Intercom.Integration.Webhooks;

/// <summary>
/// The signature a receiver checks: <c>X-Intercom-Signature: sha256=&lt;hex&gt;</c>, HMAC-SHA256 (RFC 2104) with the
/// receiver's secret over <c>&lt;timestamp&gt;.&lt;body&gt;</c>, where the timestamp (Unix seconds) is sent in
/// <c>X-Intercom-Timestamp</c>; receivers refuse old timestamps against replays.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header with the signature.</summary>
    public const string SignatureHeader = "X-Intercom-Signature";

    /// <summary>The header with the Unix time in seconds the signature covers.</summary>
    public const string TimestampHeader = "X-Intercom-Timestamp";

    /// <summary>The header naming the event.</summary>
    public const string EventHeader = "X-Intercom-Event";

    /// <summary>The signature header's value for <paramref name="body"/> sent at <paramref name="unixSeconds"/>.</summary>
    public static string Compute(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.ASCII.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>True when <paramref name="signature"/> is right for the body and timestamp (constant-time compare).</summary>
    public static bool Verify(string secret, long unixSeconds, ReadOnlySpan<byte> body, string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var expected = Encoding.ASCII.GetBytes(Compute(secret, unixSeconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
