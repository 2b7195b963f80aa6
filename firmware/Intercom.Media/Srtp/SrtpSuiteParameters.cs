namespace Intercom.Media.Srtp;

/// <summary>Key, salt and tag sizes and the SDES name of each <see cref="SrtpCryptoSuite"/>.</summary>
public static class SrtpSuiteParameters
{
    /// <summary>Master key length in bytes (AES-128 for every suite here).</summary>
    public static int MasterKeyLength(SrtpCryptoSuite suite) => suite == SrtpCryptoSuite.None ? 0 : 16;

    /// <summary>Master salt length in bytes: 112 bits for AES-CM (RFC 3711 §8.2), 96 bits for GCM (RFC 7714 §11).</summary>
    public static int MasterSaltLength(SrtpCryptoSuite suite) => suite switch
    {
        SrtpCryptoSuite.AesCm128HmacSha1Tag80 or SrtpCryptoSuite.AesCm128HmacSha1Tag32 => 14,
        SrtpCryptoSuite.AeadAes128Gcm => 12,
        _ => 0,
    };

    /// <summary>Bytes appended to every SRTP packet (the authentication tag).</summary>
    public static int RtpTagLength(SrtpCryptoSuite suite) => suite switch
    {
        SrtpCryptoSuite.AesCm128HmacSha1Tag80 => 10,
        SrtpCryptoSuite.AesCm128HmacSha1Tag32 => 4,
        SrtpCryptoSuite.AeadAes128Gcm => 16,
        _ => 0,
    };

    /// <summary>Tag bytes of an SRTCP packet: 80 bits for both HMAC suites (RFC 4568 §6.2.2), 16 bytes for GCM.</summary>
    public static int RtcpTagLength(SrtpCryptoSuite suite) => suite switch
    {
        SrtpCryptoSuite.AesCm128HmacSha1Tag80 or SrtpCryptoSuite.AesCm128HmacSha1Tag32 => 10,
        SrtpCryptoSuite.AeadAes128Gcm => 16,
        _ => 0,
    };

    /// <summary>Bytes SRTCP adds to a compound RTCP packet: the E flag and SRTCP index word plus the tag.</summary>
    public static int RtcpOverhead(SrtpCryptoSuite suite) => suite == SrtpCryptoSuite.None ? 0 : 4 + RtcpTagLength(suite);

    /// <summary>The crypto-suite name used in SDP <c>a=crypto</c> (RFC 4568 §6.2, RFC 7714 §12).</summary>
    public static string SdesName(SrtpCryptoSuite suite) => suite switch
    {
        SrtpCryptoSuite.AesCm128HmacSha1Tag80 => "AES_CM_128_HMAC_SHA1_80",
        SrtpCryptoSuite.AesCm128HmacSha1Tag32 => "AES_CM_128_HMAC_SHA1_32",
        SrtpCryptoSuite.AeadAes128Gcm => "AEAD_AES_128_GCM",
        _ => "",
    };

    /// <summary>Maps an SDES crypto-suite name to a suite; unknown names give <see cref="SrtpCryptoSuite.None"/>.</summary>
    public static SrtpCryptoSuite FromSdesName(ReadOnlySpan<char> name)
    {
        if (name.Equals("AES_CM_128_HMAC_SHA1_80", StringComparison.OrdinalIgnoreCase))
        {
            return SrtpCryptoSuite.AesCm128HmacSha1Tag80;
        }

        if (name.Equals("AES_CM_128_HMAC_SHA1_32", StringComparison.OrdinalIgnoreCase))
        {
            return SrtpCryptoSuite.AesCm128HmacSha1Tag32;
        }

        if (name.Equals("AEAD_AES_128_GCM", StringComparison.OrdinalIgnoreCase))
        {
            return SrtpCryptoSuite.AeadAes128Gcm;
        }

        return SrtpCryptoSuite.None;
    }
}
