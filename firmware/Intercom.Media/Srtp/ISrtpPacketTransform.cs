namespace Intercom.Media.Srtp;

/// <summary>
/// The cipher and authentication of one SRTP suite, applied in place to a packet whose header has already been
/// parsed and whose index is known. <see cref="SrtpContext"/> owns index estimation and the replay window.
/// </summary>
internal interface ISrtpPacketTransform : IDisposable
{
    /// <summary>Bytes added to an RTP packet.</summary>
    int RtpTagLength { get; }

    /// <summary>Bytes added to a compound RTCP packet (E flag and index word plus tag).</summary>
    int RtcpOverhead { get; }

    /// <summary>
    /// True when this suite may meet SRTCP with a tag of the RTP length instead of the specified one (only the
    /// 32-bit HMAC suite: see <see cref="UseShortRtcpTag"/>).
    /// </summary>
    bool HasShortRtcpTag { get; }

    /// <summary>
    /// Protect and unprotect SRTCP with the short tag. Only meaningful when <see cref="HasShortRtcpTag"/>; ignored otherwise.
    /// </summary>
    bool UseShortRtcpTag { get; set; }

    /// <summary>Encrypts the payload and appends the tag; returns the new packet length.</summary>
    int ProtectRtp(Span<byte> packet, int headerLength, int length, uint ssrc, uint rolloverCounter, ushort sequenceNumber);

    /// <summary>Verifies the tag and decrypts the payload; <paramref name="length"/> includes the tag.</summary>
    bool UnprotectRtp(Span<byte> packet, int headerLength, int length, uint ssrc, uint rolloverCounter, ushort sequenceNumber);

    /// <summary>Encrypts a compound RTCP packet, appends E flag, SRTCP index and tag; returns the new length.</summary>
    int ProtectRtcp(Span<byte> packet, int length, uint ssrc, uint srtcpIndex);

    /// <summary>Verifies and decrypts an SRTCP packet whose E flag and index were read by the caller.</summary>
    bool UnprotectRtcp(Span<byte> packet, int length, uint ssrc, uint srtcpIndex, bool encrypted);

    /// <summary>Offset of the E flag and SRTCP index word in a received SRTCP packet of <paramref name="length"/> bytes.</summary>
    int RtcpIndexOffset(int length);
}
