using System.Buffers.Binary;

namespace Intercom.Media.Rtp;

/// <summary>The fixed RTP header of RFC 3550 §5.1, read from or written to a packet buffer.</summary>
public readonly record struct RtpHeader
{
    /// <summary>Length of the fixed header without CSRCs or extension.</summary>
    public const int FixedLength = 12;

    /// <summary>Marker bit: first packet of a talkspurt for audio, start of an event for RFC 4733.</summary>
    public bool Marker { get; init; }

    /// <summary>Payload type, 0..127.</summary>
    public byte PayloadType { get; init; }

    /// <summary>Sequence number.</summary>
    public ushort SequenceNumber { get; init; }

    /// <summary>Media timestamp in units of the payload's clock rate.</summary>
    public uint Timestamp { get; init; }

    /// <summary>Synchronization source.</summary>
    public uint Ssrc { get; init; }

    /// <summary>Bytes from the start of the packet to the payload (fixed header, CSRCs, extension).</summary>
    public int HeaderLength { get; init; }

    /// <summary>Padding octets at the end of the packet (RFC 3550 §5.1 P bit), 0 when none.</summary>
    public int PaddingLength { get; init; }

    /// <summary>
    /// Parses the header of an RTP packet. Returns false (never throws) when the packet is shorter than its header,
    /// is not version 2, or its padding count is impossible.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out RtpHeader header)
    {
        header = default;
        int headerLength = MeasureHeader(packet);
        if (headerLength < 0)
        {
            return false;
        }

        int padding = 0;
        if ((packet[0] & 0x20) != 0)
        {
            padding = packet[^1];
            if (padding == 0 || headerLength + padding > packet.Length)
            {
                return false;
            }
        }

        header = new RtpHeader
        {
            Marker = (packet[1] & 0x80) != 0,
            PayloadType = (byte)(packet[1] & 0x7F),
            SequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            Timestamp = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]),
            HeaderLength = headerLength,
            PaddingLength = padding,
        };
        return true;
    }

    /// <summary>
    /// Length of the header (fixed part, CSRC list, extension) or -1 when <paramref name="packet"/> is not an
    /// RTP version 2 packet long enough to hold it. Used by SRTP, which must not look at the (encrypted) padding.
    /// </summary>
    public static int MeasureHeader(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < FixedLength || (packet[0] >> 6) != 2)
        {
            return -1;
        }

        int length = FixedLength + (4 * (packet[0] & 0x0F));
        if ((packet[0] & 0x10) != 0)
        {
            // RFC 3550 §5.3.1: 16-bit profile field, 16-bit length in 32-bit words, then the extension.
            if (length + 4 > packet.Length)
            {
                return -1;
            }

            length += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(length + 2)..]));
        }

        return length <= packet.Length ? length : -1;
    }

    /// <summary>Writes a 12-byte header without CSRCs or extension and returns its length.</summary>
    public static int Write(Span<byte> destination, bool marker, byte payloadType, ushort sequenceNumber, uint timestamp, uint ssrc)
    {
        destination[0] = 0x80;
        destination[1] = (byte)((marker ? 0x80 : 0) | (payloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ssrc);
        return FixedLength;
    }
}
