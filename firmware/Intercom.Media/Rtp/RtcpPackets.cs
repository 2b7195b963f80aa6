using System.Buffers.Binary;
using System.Text;

namespace Intercom.Media.Rtp;

/// <summary>
/// Writes and reads the RTCP this firmware uses (RFC 3550 §6): a compound of SR or RR with at most one report
/// block, then SDES with CNAME (§6.1 requires it in every compound). Reading never throws; unknown packet types
/// are skipped.
/// </summary>
public static class RtcpPackets
{
    /// <summary>RTCP packet type SR.</summary>
    public const byte SenderReport = 200;

    /// <summary>RTCP packet type RR.</summary>
    public const byte ReceiverReport = 201;

    /// <summary>RTCP packet type SDES.</summary>
    public const byte SourceDescription = 202;

    /// <summary>RTCP packet type BYE.</summary>
    public const byte Goodbye = 203;

    /// <summary>
    /// Writes an SR (when <paramref name="ntpTimestamp"/> is not 0) or RR with an optional report block, then SDES
    /// CNAME. Returns the compound length.
    /// </summary>
    public static int WriteReport(Span<byte> destination, uint ssrc, ulong ntpTimestamp, uint rtpTimestamp, uint packetsSent, uint octetsSent,
        RtcpReportBlock? block, ReadOnlySpan<byte> canonicalName)
    {
        bool sender = ntpTimestamp != 0;
        int blocks = block is null ? 0 : 1;
        int length = 8 + (sender ? 20 : 0) + (24 * blocks);
        destination[0] = (byte)(0x80 | blocks);
        destination[1] = sender ? SenderReport : ReceiverReport;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((length / 4) - 1));
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        int offset = 8;
        if (sender)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination[offset..], ntpTimestamp);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 8)..], rtpTimestamp);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 12)..], packetsSent);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 16)..], octetsSent);
            offset += 20;
        }

        if (block is RtcpReportBlock report)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], report.Ssrc);
            int lost = Math.Clamp(report.CumulativeLost, -0x800000, 0x7FFFFF);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 4)..], ((uint)report.FractionLost << 24) | ((uint)lost & 0xFFFFFF));
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 8)..], report.ExtendedHighestSequence);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 12)..], report.Jitter);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 16)..], report.LastSenderReport);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 20)..], report.DelaySinceLastSenderReport);
            offset += 24;
        }

        // SDES: one chunk, CNAME item, END, padded to 32 bits (RFC 3550 §6.5).
        int nameLength = Math.Min(canonicalName.Length, 255);
        int chunk = 4 + 2 + nameLength + 1;
        int padded = (chunk + 3) & ~3;
        Span<byte> sdes = destination[offset..];
        sdes[0] = 0x81;
        sdes[1] = SourceDescription;
        BinaryPrimitives.WriteUInt16BigEndian(sdes[2..], (ushort)(padded / 4));
        BinaryPrimitives.WriteUInt32BigEndian(sdes[4..], ssrc);
        sdes[8] = 1;
        sdes[9] = (byte)nameLength;
        canonicalName[..nameLength].CopyTo(sdes[10..]);
        sdes.Slice(10 + nameLength, padded - chunk + 1).Clear();
        return offset + 4 + padded;
    }

    /// <summary>
    /// Scans a compound RTCP packet for the first report block about <paramref name="aboutSsrc"/> and the NTP
    /// middle 32 bits of an SR (for the next report's LSR). False when the packet is malformed.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, uint aboutSsrc, out RtcpReportBlock? block, out uint senderReportMiddleNtp, out bool goodbye)
    {
        block = null;
        senderReportMiddleNtp = 0;
        goodbye = false;
        int offset = 0;
        while (offset + 4 <= packet.Length)
        {
            ReadOnlySpan<byte> header = packet[offset..];
            if ((header[0] >> 6) != 2)
            {
                return false;
            }

            int length = (BinaryPrimitives.ReadUInt16BigEndian(header[2..]) + 1) * 4;
            if (offset + length > packet.Length)
            {
                return false;
            }

            byte type = header[1];
            int count = header[0] & 0x1F;
            if (type is SenderReport or ReceiverReport && length >= 8)
            {
                int blocksOffset = 8;
                if (type == SenderReport && length >= 28)
                {
                    senderReportMiddleNtp = BinaryPrimitives.ReadUInt32BigEndian(header[10..]);
                    blocksOffset = 28;
                }

                for (int i = 0; i < count && blocksOffset + 24 <= length; i++, blocksOffset += 24)
                {
                    ReadOnlySpan<byte> b = header[blocksOffset..];
                    uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(b);
                    if (ssrc == aboutSsrc)
                    {
                        uint word = BinaryPrimitives.ReadUInt32BigEndian(b[4..]);
                        int cumulative = (int)(word << 8) >> 8;
                        block = new RtcpReportBlock(ssrc, (byte)(word >> 24), cumulative, BinaryPrimitives.ReadUInt32BigEndian(b[8..]),
                            BinaryPrimitives.ReadUInt32BigEndian(b[12..]), BinaryPrimitives.ReadUInt32BigEndian(b[16..]), BinaryPrimitives.ReadUInt32BigEndian(b[20..]));
                    }
                }
            }
            else if (type == Goodbye)
            {
                goodbye = true;
            }

            offset += length;
        }

        return offset == packet.Length;
    }

    /// <summary>True when the second byte marks an RTCP packet type (RFC 5761 §4: 192-223 are not RTP payload types with the marker set).</summary>
    public static bool IsRtcp(ReadOnlySpan<byte> packet) => packet.Length >= 8 && packet[1] is >= 192 and <= 223;

    /// <summary>A CNAME for a session (RFC 7022: random per session).</summary>
    public static byte[] NewCanonicalName() => Encoding.ASCII.GetBytes($"intercom-{Guid.NewGuid():N}"[..24]);
}
