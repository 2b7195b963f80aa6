namespace Intercom.Media.Srtp;

/// <summary>The SRTP key derivation function: the AES-CM PRF of RFC 3711 §4.3, with a key derivation rate of 0.</summary>
internal static class SrtpKeyDerivation
{
    /// <summary>RFC 3711 §4.3.1: the label of the SRTP encryption key.</summary>
    public const byte RtpEncryptionLabel = 0x00;

    /// <summary>RFC 3711 §4.3.1: the label of the SRTP authentication key.</summary>
    public const byte RtpAuthenticationLabel = 0x01;

    /// <summary>RFC 3711 §4.3.1: the label of the SRTP session salt.</summary>
    public const byte RtpSaltLabel = 0x02;

    /// <summary>RFC 3711 §4.3.2: the label of the SRTCP encryption key.</summary>
    public const byte RtcpEncryptionLabel = 0x03;

    /// <summary>RFC 3711 §4.3.2: the label of the SRTCP authentication key.</summary>
    public const byte RtcpAuthenticationLabel = 0x04;

    /// <summary>RFC 3711 §4.3.2: the label of the SRTCP session salt.</summary>
    public const byte RtcpSaltLabel = 0x05;

    /// <summary>
    /// Derives one session key. <paramref name="masterSalt"/> may be 14 bytes (AES-CM) or 12 bytes (GCM):
    /// RFC 7714 §11 (erratum 4938) multiplies a 96-bit salt by 2^16, i.e. appends two zero bytes.
    /// </summary>
    public static void Derive(byte label, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, Span<byte> output)
    {
        // RFC 3711 §4.3.1: key_id = label || (index DIV kdr); with kdr = 0 the index part is zero.
        // x = key_id XOR master_salt, where key_id is 56 bits aligned to the right of the 112-bit salt.
        Span<byte> counter = stackalloc byte[16];
        counter.Clear();
        masterSalt.CopyTo(counter);
        counter[7] ^= label;

        // RFC 3711 §4.3.3: the PRF is AES in counter mode keyed with the master key, IV = x * 2^16.
        using var cipher = new AesCounterMode(masterKey);
        output.Clear();
        cipher.Transform(counter, output);
    }
}
