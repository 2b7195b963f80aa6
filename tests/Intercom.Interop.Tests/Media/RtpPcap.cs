using System.Buffers.Binary;

namespace Intercom.Interop.Tests.Media;

/// <summary>
/// Writes what sipp's <c>play_pcap_audio</c> replays: a libpcap file of Ethernet/IPv4/UDP frames carrying RTP,
/// here PCMU silence with RFC 4733 telephone-events between, the events without the marker bit (as some PBXs
/// send them) and with the three redundant end packets of RFC 4733 §2.5.1.4.
/// </summary>
internal static class RtpPcap
{
    private const int PcmuPayloadType = 0;
    private const int PacketSamples = 160;

    public static byte[] DtmfWithoutMarker(string digits, int telephoneEventPayloadType)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);

        // libpcap global header: magic, version 2.4, time zone, accuracy, snap length, link type 1 (Ethernet).
        writer.Write(0xa1b2c3d4u);
        writer.Write((ushort)2);
        writer.Write((ushort)4);
        writer.Write(0);
        writer.Write(0);
        writer.Write(65535);
        writer.Write(1);

        ushort sequence = 1000;
        uint timestamp = 160_000;
        long microseconds = 0;
        void Packet(int payloadType, ReadOnlySpan<byte> payload, uint packetTimestamp)
        {
            byte[] rtp = new byte[12 + payload.Length];
            rtp[0] = 0x80;
            rtp[1] = (byte)payloadType;
            BinaryPrimitives.WriteUInt16BigEndian(rtp.AsSpan(2), sequence++);
            BinaryPrimitives.WriteUInt32BigEndian(rtp.AsSpan(4), packetTimestamp);
            BinaryPrimitives.WriteUInt32BigEndian(rtp.AsSpan(8), 0x1234abcd);
            payload.CopyTo(rtp.AsSpan(12));
            WriteFrame(writer, microseconds, rtp);
            microseconds += 20_000;
        }

        byte[] silence = new byte[PacketSamples];
        Array.Fill(silence, (byte)0xff);
        void Silence(int packets)
        {
            for (int i = 0; i < packets; i++)
            {
                Packet(PcmuPayloadType, silence, timestamp);
                timestamp += PacketSamples;
            }
        }

        Silence(5);
        foreach (char digit in digits)
        {
            int eventCode = "0123456789*#ABCD".IndexOf(digit, StringComparison.Ordinal);
            byte[] payload = new byte[4];

            // RFC 4733 §2.3: event, E bit and volume, duration; every packet of one event carries its start timestamp.
            for (int step = 1; step <= 5; step++)
            {
                payload[0] = (byte)eventCode;
                payload[1] = 10;
                BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(2), (ushort)(step * PacketSamples));
                Packet(telephoneEventPayloadType, payload, timestamp);
            }

            for (int end = 0; end < 3; end++)
            {
                payload[1] = 0x80 | 10;
                BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(2), 5 * PacketSamples);
                Packet(telephoneEventPayloadType, payload, timestamp);
            }

            timestamp += 8 * PacketSamples;
            Silence(5);
        }

        writer.Flush();
        return stream.ToArray();
    }

    private static void WriteFrame(BinaryWriter writer, long microseconds, byte[] rtp)
    {
        int udpLength = 8 + rtp.Length;
        int ipLength = 20 + udpLength;
        byte[] frame = new byte[14 + ipLength];
        Span<byte> span = frame;

        // Ethernet II: two zero MAC addresses, type IPv4.
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], 0x0800);

        // IPv4 header 127.0.0.1 -> 127.0.0.1, UDP, with its checksum.
        Span<byte> ip = span.Slice(14, 20);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)ipLength);
        ip[8] = 64;
        ip[9] = 17;
        ip[12] = 127;
        ip[15] = 1;
        ip[16] = 127;
        ip[19] = 1;
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip));

        // UDP 6000 -> 6000 (sipp sends from its own media port to the port our SDP names); checksum 0 = none.
        Span<byte> udp = span.Slice(34, 8);
        BinaryPrimitives.WriteUInt16BigEndian(udp, 6000);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], 6000);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udpLength);
        rtp.CopyTo(span[42..]);

        writer.Write((int)(microseconds / 1_000_000));
        writer.Write((int)(microseconds % 1_000_000));
        writer.Write(frame.Length);
        writer.Write(frame.Length);
        writer.Write(frame);
    }

    private static ushort Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (int i = 0; i < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }

        while (sum > 0xffff)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
