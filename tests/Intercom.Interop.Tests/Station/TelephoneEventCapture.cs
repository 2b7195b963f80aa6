using System.Buffers.Binary;

namespace Intercom.Interop.Tests.Station;

/// <summary>
/// Writes a libpcap file of RTP telephone-events (RFC 4733 §2.3) for sipp's <c>play_pcap_audio</c>: per digit three
/// packets with growing duration and three end packets, every one with the marker bit clear (RFC 4733 §2.5.1.2
/// asks for the marker on the first packet; some PBXs never set it).
/// </summary>
internal static class TelephoneEventCapture
{
    private const int ClockRateHz = 8000;

    public static void Write(string path, string digits, int payloadType)
    {
        using var stream = File.Create(path);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1); // LINKTYPE_ETHERNET
        stream.Write(header);
        ushort sequence = 1000;
        for (int d = 0; d < digits.Length; d++)
        {
            int startMilliseconds = 200 + (d * 300);
            uint timestamp = (uint)(startMilliseconds * ClockRateHz / 1000);
            byte eventCode = Event(digits[d]);
            for (int packet = 0; packet < 6; packet++)
            {
                bool end = packet >= 3;
                int atMilliseconds = startMilliseconds + (end ? 60 + ((packet - 3) * 2) : packet * 20);
                ushort duration = (ushort)(end ? 640 : 160 * (packet + 1));
                WritePacket(stream, atMilliseconds, sequence++, timestamp, payloadType, eventCode, end, duration);
            }
        }
    }

    private static byte Event(char digit) => digit switch
    {
        >= '0' and <= '9' => (byte)(digit - '0'),
        '*' => 10,
        '#' => 11,
        >= 'A' and <= 'D' => (byte)(12 + digit - 'A'),
        _ => throw new ArgumentOutOfRangeException(nameof(digit)),
    };

    private static void WritePacket(Stream stream, int atMilliseconds, ushort sequence, uint timestamp, int payloadType, byte eventCode, bool end, ushort duration)
    {
        const int Rtp = 12 + 4;
        const int Udp = 8 + Rtp;
        const int Ip = 20 + Udp;
        const int Frame = 14 + Ip;
        Span<byte> record = stackalloc byte[16 + Frame];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(atMilliseconds / 1000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(atMilliseconds % 1000 * 1000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], Frame);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], Frame);
        Span<byte> frame = record[16..];
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], 0x0800);
        Span<byte> ip = frame[14..];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], Ip);
        ip[8] = 64;
        ip[9] = 17;
        ip[12] = 127;
        ip[15] = 1;
        ip[16] = 127;
        ip[19] = 1;
        uint sum = 0;
        for (int i = 0; i < 20; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(ip[i..]);
        }

        sum = (sum & 0xffff) + (sum >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], (ushort)~sum);
        Span<byte> udp = ip[20..];
        BinaryPrimitives.WriteUInt16BigEndian(udp, 6000);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], 6000);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], Udp);
        Span<byte> rtp = udp[8..];
        rtp[0] = 0x80;
        rtp[1] = (byte)payloadType; // marker bit clear on every packet
        BinaryPrimitives.WriteUInt16BigEndian(rtp[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(rtp[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(rtp[8..], 0x5eed4733);
        rtp[12] = eventCode;
        rtp[13] = (byte)((end ? 0x80 : 0) | 10); // E bit, volume -10 dBm0
        BinaryPrimitives.WriteUInt16BigEndian(rtp[14..], duration);
        stream.Write(record);
    }
}
