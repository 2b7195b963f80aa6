using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Intercom.Media.Srtp;

/// <summary>
/// AES_CM_128_HMAC_SHA1_80 and _32 (RFC 3711 §4.1.1, §4.2.1; RFC 4568 §6.2): AES counter mode and a truncated
/// HMAC-SHA1. One cipher and one HMAC object per direction are created at session start and reused for every packet.
/// </summary>
internal sealed class AesCounterModeHmacSha1Transform : ISrtpPacketTransform
{
    private const int SaltLength = 14;
    private const int AuthenticationKeyLength = 20;
    private const int SpecifiedRtcpTagLength = 10;

    private readonly AesCounterMode rtpCipher;
    private readonly AesCounterMode rtcpCipher;
    private readonly HmacSha1 rtpHmac;
    private readonly HmacSha1 rtcpHmac;
    private readonly byte[] rtpSalt = new byte[SaltLength];
    private readonly byte[] rtcpSalt = new byte[SaltLength];
    private readonly byte[] digest = new byte[20];
    private int rtcpTagLength = SpecifiedRtcpTagLength;

    public AesCounterModeHmacSha1Transform(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, int rtpTagLength, bool allowIntrinsics = true)
    {
        RtpTagLength = rtpTagLength;
        Span<byte> key = stackalloc byte[16];
        Span<byte> authenticationKey = stackalloc byte[AuthenticationKeyLength];

        SrtpKeyDerivation.Derive(SrtpKeyDerivation.RtpEncryptionLabel, masterKey, masterSalt, key);
        rtpCipher = new AesCounterMode(key, allowIntrinsics);
        SrtpKeyDerivation.Derive(SrtpKeyDerivation.RtpAuthenticationLabel, masterKey, masterSalt, authenticationKey);
        rtpHmac = new HmacSha1(authenticationKey);
        SrtpKeyDerivation.Derive(SrtpKeyDerivation.RtpSaltLabel, masterKey, masterSalt, rtpSalt);

        SrtpKeyDerivation.Derive(SrtpKeyDerivation.RtcpEncryptionLabel, masterKey, masterSalt, key);
        rtcpCipher = new AesCounterMode(key, allowIntrinsics);
        SrtpKeyDerivation.Derive(SrtpKeyDerivation.RtcpAuthenticationLabel, masterKey, masterSalt, authenticationKey);
        rtcpHmac = new HmacSha1(authenticationKey);
        SrtpKeyDerivation.Derive(SrtpKeyDerivation.RtcpSaltLabel, masterKey, masterSalt, rtcpSalt);

        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(authenticationKey);
    }

    public int RtpTagLength { get; }

    public int RtcpOverhead => 4 + rtcpTagLength;

    // RFC 4568 §6.2.2 and RFC 3711 §5.2: AES_CM_128_HMAC_SHA1_32 shortens only the SRTP tag; SRTCP keeps 80 bits.
    // Phones on libre (baresip) truncate SRTCP to 32 bits too, so the receiver may have to accept that length.
    public bool HasShortRtcpTag => RtpTagLength < SpecifiedRtcpTagLength;

    public bool UseShortRtcpTag
    {
        get => rtcpTagLength != SpecifiedRtcpTagLength;
        set => rtcpTagLength = value && HasShortRtcpTag ? RtpTagLength : SpecifiedRtcpTagLength;
    }

    /// <summary>Which AES instructions the cipher uses.</summary>
    public string CipherImplementation => rtpCipher.ImplementationName;

    public int ProtectRtp(Span<byte> packet, int headerLength, int length, uint ssrc, uint rolloverCounter, ushort sequenceNumber)
    {
        Span<byte> counter = stackalloc byte[16];
        BuildCounter(rtpSalt, ssrc, ((ulong)rolloverCounter << 16) | sequenceNumber, counter);
        rtpCipher.Transform(counter, packet[headerLength..length]);
        ComputeRtpTag(packet[..length], rolloverCounter);
        digest.AsSpan(0, RtpTagLength).CopyTo(packet[length..]);
        return length + RtpTagLength;
    }

    public bool UnprotectRtp(Span<byte> packet, int headerLength, int length, uint ssrc, uint rolloverCounter, ushort sequenceNumber)
    {
        int authenticatedLength = length - RtpTagLength;

        // RFC 3711 §3.3: authenticate before decrypting.
        ComputeRtpTag(packet[..authenticatedLength], rolloverCounter);
        if (!CryptographicOperations.FixedTimeEquals(digest.AsSpan(0, RtpTagLength), packet.Slice(authenticatedLength, RtpTagLength)))
        {
            return false;
        }

        Span<byte> counter = stackalloc byte[16];
        BuildCounter(rtpSalt, ssrc, ((ulong)rolloverCounter << 16) | sequenceNumber, counter);
        rtpCipher.Transform(counter, packet[headerLength..authenticatedLength]);
        return true;
    }

    public int ProtectRtcp(Span<byte> packet, int length, uint ssrc, uint srtcpIndex)
    {
        // RFC 3711 §3.4: everything after the first header and SSRC is encrypted; E flag set, index follows.
        Span<byte> counter = stackalloc byte[16];
        BuildCounter(rtcpSalt, ssrc, srtcpIndex, counter);
        rtcpCipher.Transform(counter, packet[8..length]);
        BinaryPrimitives.WriteUInt32BigEndian(packet[length..], 0x8000_0000u | srtcpIndex);
        int authenticatedLength = length + 4;
        rtcpHmac.Append(packet[..authenticatedLength]);
        rtcpHmac.Finish(digest);
        digest.AsSpan(0, rtcpTagLength).CopyTo(packet[authenticatedLength..]);
        return authenticatedLength + rtcpTagLength;
    }

    public bool UnprotectRtcp(Span<byte> packet, int length, uint ssrc, uint srtcpIndex, bool encrypted)
    {
        int authenticatedLength = length - rtcpTagLength;
        rtcpHmac.Append(packet[..authenticatedLength]);
        rtcpHmac.Finish(digest);
        if (!CryptographicOperations.FixedTimeEquals(digest.AsSpan(0, rtcpTagLength), packet.Slice(authenticatedLength, rtcpTagLength)))
        {
            return false;
        }

        if (encrypted)
        {
            Span<byte> counter = stackalloc byte[16];
            BuildCounter(rtcpSalt, ssrc, srtcpIndex, counter);
            rtcpCipher.Transform(counter, packet[8..(authenticatedLength - 4)]);
        }

        return true;
    }

    public int RtcpIndexOffset(int length) => length - rtcpTagLength - 4;

    public void Dispose()
    {
        rtpCipher.Dispose();
        rtcpCipher.Dispose();
        rtpHmac.Dispose();
        rtcpHmac.Dispose();
        CryptographicOperations.ZeroMemory(rtpSalt);
        CryptographicOperations.ZeroMemory(rtcpSalt);
    }

    private void ComputeRtpTag(ReadOnlySpan<byte> authenticatedPortion, uint rolloverCounter)
    {
        // RFC 3711 §4.2: M = Authenticated Portion || ROC.
        Span<byte> roc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(roc, rolloverCounter);
        rtpHmac.Append(authenticatedPortion);
        rtpHmac.Append(roc);
        rtpHmac.Finish(digest);
    }

    private static void BuildCounter(ReadOnlySpan<byte> salt, uint ssrc, ulong index, Span<byte> counter)
    {
        // RFC 3711 §4.1.1: IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16).
        salt.CopyTo(counter);
        counter[14] = 0;
        counter[15] = 0;
        counter[4] ^= (byte)(ssrc >> 24);
        counter[5] ^= (byte)(ssrc >> 16);
        counter[6] ^= (byte)(ssrc >> 8);
        counter[7] ^= (byte)ssrc;
        counter[8] ^= (byte)(index >> 40);
        counter[9] ^= (byte)(index >> 32);
        counter[10] ^= (byte)(index >> 24);
        counter[11] ^= (byte)(index >> 16);
        counter[12] ^= (byte)(index >> 8);
        counter[13] ^= (byte)index;
    }
}
