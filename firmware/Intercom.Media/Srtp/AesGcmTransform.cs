using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Intercom.Media.Srtp;

/// <summary>
/// AEAD_AES_128_GCM for SRTP and SRTCP (RFC 7714). Uses <see cref="AesGcm128"/> (AES-NI and PCLMULQDQ, no exception
/// on a forged packet) where the CPU has them, else one reused <see cref="AesGcm"/> per direction; both work in place
/// and allocate nothing per authentic packet.
/// </summary>
internal sealed class AesGcmTransform : ISrtpPacketTransform
{
    private const int SaltLength = 12;
    private const int TagLength = 16;

    private readonly AesGcm128? rtpFast;
    private readonly AesGcm128? rtcpFast;
    private readonly AesGcm? rtpAead;
    private readonly AesGcm? rtcpAead;
    private readonly byte[] rtpSalt = new byte[SaltLength];
    private readonly byte[] rtcpSalt = new byte[SaltLength];

    /// <summary>Creates the transform from session keys and salts (RFC 7714 §16 test vectors give these directly).</summary>
    public AesGcmTransform(ReadOnlySpan<byte> rtpKey, ReadOnlySpan<byte> rtpSessionSalt, ReadOnlySpan<byte> rtcpKey, ReadOnlySpan<byte> rtcpSessionSalt, bool allowIntrinsics = true)
    {
        if (allowIntrinsics && AesGcm128.IsSupported)
        {
            rtpFast = new AesGcm128(rtpKey);
            rtcpFast = new AesGcm128(rtcpKey);
        }
        else
        {
            rtpAead = new AesGcm(rtpKey, TagLength);
            rtcpAead = new AesGcm(rtcpKey, TagLength);
        }

        rtpSessionSalt.CopyTo(rtpSalt);
        rtcpSessionSalt.CopyTo(rtcpSalt);
    }

    /// <summary>Which implementation runs: our AES-NI/PCLMULQDQ GCM or .NET's <see cref="AesGcm"/>.</summary>
    public string Implementation => rtpFast is not null ? "AES-NI+PCLMULQDQ" : "System.Security.Cryptography.AesGcm";

    /// <summary>Derives the session keys from a master key and 96-bit master salt (RFC 7714 §11).</summary>
    public static AesGcmTransform FromMasterKey(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, bool allowIntrinsics = true)
    {
        Span<byte> rtpKey = stackalloc byte[16];
        Span<byte> rtcpKey = stackalloc byte[16];
        Span<byte> rtpSessionSalt = stackalloc byte[SaltLength];
        Span<byte> rtcpSessionSalt = stackalloc byte[SaltLength];
        SrtpKeyDerivation.Derive(SrtpKeyDerivation.RtpEncryptionLabel, masterKey, masterSalt, rtpKey);
        SrtpKeyDerivation.Derive(SrtpKeyDerivation.RtpSaltLabel, masterKey, masterSalt, rtpSessionSalt);
        SrtpKeyDerivation.Derive(SrtpKeyDerivation.RtcpEncryptionLabel, masterKey, masterSalt, rtcpKey);
        SrtpKeyDerivation.Derive(SrtpKeyDerivation.RtcpSaltLabel, masterKey, masterSalt, rtcpSessionSalt);
        var transform = new AesGcmTransform(rtpKey, rtpSessionSalt, rtcpKey, rtcpSessionSalt, allowIntrinsics);
        CryptographicOperations.ZeroMemory(rtpKey);
        CryptographicOperations.ZeroMemory(rtcpKey);
        return transform;
    }

    public int RtpTagLength => TagLength;

    public int RtcpOverhead => TagLength + 4;

    public bool HasShortRtcpTag => false;

    public bool UseShortRtcpTag
    {
        get => false;
        set { }
    }

    public int ProtectRtp(Span<byte> packet, int headerLength, int length, uint ssrc, uint rolloverCounter, ushort sequenceNumber)
    {
        Span<byte> nonce = stackalloc byte[12];
        BuildRtpNonce(ssrc, rolloverCounter, sequenceNumber, nonce);

        // RFC 7714 §8.1: the RTP header (with CSRCs and extension) is the associated data; the payload is encrypted.
        Span<byte> payload = packet[headerLength..length];
        Seal(rtpFast, rtpAead, nonce, payload, packet.Slice(length, TagLength), packet[..headerLength]);
        return length + TagLength;
    }

    public bool UnprotectRtp(Span<byte> packet, int headerLength, int length, uint ssrc, uint rolloverCounter, ushort sequenceNumber)
    {
        Span<byte> nonce = stackalloc byte[12];
        BuildRtpNonce(ssrc, rolloverCounter, sequenceNumber, nonce);
        int payloadEnd = length - TagLength;
        Span<byte> payload = packet[headerLength..payloadEnd];
        return TryDecrypt(rtpFast, rtpAead, nonce, payload, packet.Slice(payloadEnd, TagLength), packet[..headerLength]);
    }

    public int ProtectRtcp(Span<byte> packet, int length, uint ssrc, uint srtcpIndex)
    {
        Span<byte> nonce = stackalloc byte[12];
        BuildRtcpNonce(ssrc, srtcpIndex, nonce);

        // RFC 7714 §9.1-9.2: AAD = first 8 octets || E flag and SRTCP index; the tag precedes the index word.
        Span<byte> associatedData = stackalloc byte[12];
        packet[..8].CopyTo(associatedData);
        uint indexWord = 0x8000_0000u | srtcpIndex;
        BinaryPrimitives.WriteUInt32BigEndian(associatedData[8..], indexWord);
        Span<byte> payload = packet[8..length];
        Seal(rtcpFast, rtcpAead, nonce, payload, packet.Slice(length, TagLength), associatedData);
        BinaryPrimitives.WriteUInt32BigEndian(packet[(length + TagLength)..], indexWord);
        return length + TagLength + 4;
    }

    public bool UnprotectRtcp(Span<byte> packet, int length, uint ssrc, uint srtcpIndex, bool encrypted)
    {
        Span<byte> nonce = stackalloc byte[12];
        BuildRtcpNonce(ssrc, srtcpIndex, nonce);
        int indexOffset = RtcpIndexOffset(length);
        int tagOffset = indexOffset - TagLength;
        Span<byte> tag = packet.Slice(tagOffset, TagLength);
        if (encrypted)
        {
            Span<byte> associatedData = stackalloc byte[12];
            packet[..8].CopyTo(associatedData);
            packet.Slice(indexOffset, 4).CopyTo(associatedData[8..]);
            return TryDecrypt(rtcpFast, rtcpAead, nonce, packet[8..tagOffset], tag, associatedData);
        }

        // RFC 7714 §9.3: an unencrypted SRTCP packet is all associated data, with the index word appended.
        // The AAD is contiguous except for the tag between payload and index word, so move the index word once.
        Span<byte> indexWord = stackalloc byte[4];
        packet.Slice(indexOffset, 4).CopyTo(indexWord);
        Span<byte> savedTag = stackalloc byte[TagLength];
        tag.CopyTo(savedTag);
        indexWord.CopyTo(packet[tagOffset..]);
        bool authentic = TryDecrypt(rtcpFast, rtcpAead, nonce, Span<byte>.Empty, savedTag, packet[..(tagOffset + 4)]);
        savedTag.CopyTo(packet[tagOffset..]);
        indexWord.CopyTo(packet[indexOffset..]);
        return authentic;
    }

    public int RtcpIndexOffset(int length) => length - 4;

    public void Dispose()
    {
        rtpFast?.Dispose();
        rtcpFast?.Dispose();
        rtpAead?.Dispose();
        rtcpAead?.Dispose();
        CryptographicOperations.ZeroMemory(rtpSalt);
        CryptographicOperations.ZeroMemory(rtcpSalt);
    }

    private static void Seal(AesGcm128? fast, AesGcm? aead, ReadOnlySpan<byte> nonce, Span<byte> data, Span<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        if (fast is not null)
        {
            fast.Encrypt(nonce, data, tag, associatedData);
        }
        else
        {
            aead!.Encrypt(nonce, data, data, tag, associatedData);
        }
    }

    private static bool TryDecrypt(AesGcm128? fast, AesGcm? aead, ReadOnlySpan<byte> nonce, Span<byte> data, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        if (fast is not null)
        {
            return fast.Decrypt(nonce, data, tag, associatedData);
        }

        try
        {
            aead!.Decrypt(nonce, data, tag, data, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            // .NET reports a forged packet only by exception (fallback path only); callers get a status.
            return false;
        }
    }

    private void BuildRtpNonce(uint ssrc, uint rolloverCounter, ushort sequenceNumber, Span<byte> nonce)
    {
        // RFC 7714 §8.1: IV = (00 00 || SSRC || ROC || SEQ) XOR salt.
        nonce[0] = 0;
        nonce[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(nonce[2..], ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[6..], rolloverCounter);
        BinaryPrimitives.WriteUInt16BigEndian(nonce[10..], sequenceNumber);
        XorSalt(nonce, rtpSalt);
    }

    private void BuildRtcpNonce(uint ssrc, uint srtcpIndex, Span<byte> nonce)
    {
        // RFC 7714 §9.1: IV = (00 00 || SSRC || 00 00 || 0 || SRTCP index) XOR salt.
        nonce[0] = 0;
        nonce[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(nonce[2..], ssrc);
        nonce[6] = 0;
        nonce[7] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(nonce[8..], srtcpIndex & 0x7FFF_FFFFu);
        XorSalt(nonce, rtcpSalt);
    }

    private static void XorSalt(Span<byte> nonce, ReadOnlySpan<byte> salt)
    {
        for (int i = 0; i < SaltLength; i++)
        {
            nonce[i] ^= salt[i];
        }
    }
}
