namespace Intercom.Media.Srtp;

/// <summary>The SRTP crypto suites this firmware speaks (RFC 4568 §6.2, RFC 7714 §12).</summary>
public enum SrtpCryptoSuite
{
    /// <summary>No SRTP: plain RTP/AVP.</summary>
    None = 0,

    /// <summary>AES-CM, 128-bit key, HMAC-SHA1 with an 80-bit tag (RFC 3711 default, RFC 4568 §6.2.1).</summary>
    AesCm128HmacSha1Tag80,

    /// <summary>AES-CM, 128-bit key, HMAC-SHA1 with a 32-bit RTP tag; SRTCP keeps 80 bits (RFC 4568 §6.2.2).</summary>
    AesCm128HmacSha1Tag32,

    /// <summary>AEAD AES-128-GCM with a 16-byte tag and a 96-bit master salt (RFC 7714 §14.2).</summary>
    AeadAes128Gcm,
}
