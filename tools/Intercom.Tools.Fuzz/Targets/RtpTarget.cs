using System.Buffers.Binary;
using Intercom.Media.Rtp;
using Intercom.Tools.Fuzz.Engine;

namespace Intercom.Tools.Fuzz.Targets;

/// <summary>
/// One datagram through the RTP header parser (RFC 3550 §5.1, CSRCs, extension, padding) and the RTCP compound
/// reader (§6.4). Properties: header, padding and payload lie inside the packet; a parsed header written back
/// parses to the same fields; a report block read from RTCP has the SSRC asked for.
/// </summary>
internal sealed class RtpTarget : IFuzzTarget
{
    public string Name => "rtp";

    public string Description => "RTP header (CSRC, extension, padding) and RTCP SR/RR/SDES/BYE reader; bounds and round trip";

    public int MaximumInputLength => 1600;

    public bool IsText => false;

    public IReadOnlyList<byte[]> Dictionary { get; } = [[0x80], [0x90], [0xA0], [0xBF], [200], [201], [202], [203], [0x81, 0xC8], [0x81, 0xC9], [0, 0], [0xFF, 0xFF]];

    public IReadOnlyList<byte[]> CreateSeeds()
    {
        var seeds = new List<byte[]>();
        byte[] plain = new byte[172];
        RtpHeader.Write(plain, true, 8, 4660, 160_000, 0xDEADBEEF);
        seeds.Add(plain);

        // CSRCs, a header extension and padding.
        byte[] rich = new byte[12 + 8 + 8 + 20 + 4];
        RtpHeader.Write(rich, false, 111, 1, 960, 42);
        rich[0] = 0x80 | 0x20 | 0x10 | 2;
        BinaryPrimitives.WriteUInt16BigEndian(rich.AsSpan(20), 0xBEDE);
        BinaryPrimitives.WriteUInt16BigEndian(rich.AsSpan(22), 1);
        rich[^1] = 4;
        seeds.Add(rich);

        byte[] report = new byte[128];
        int length = RtcpPackets.WriteReport(report, 0x1234, 0xE000_0000_8000_0000, 960, 50, 8000, new RtcpReportBlock(0xDEADBEEF, 12, 3, 70_000, 40, 0xABCD, 65536), "intercom-test"u8);
        seeds.Add(report[..length]);
        length = RtcpPackets.WriteReport(report, 0x1234, 0, 0, 0, 0, null, "x"u8);
        seeds.Add([.. report.AsSpan(0, length), 0x81, 203, 0, 1, 0, 0, 0x12, 0x34]);
        return seeds;
    }

    public string Run(ReadOnlySpan<byte> input)
    {
        string rtp = CheckRtp(input);
        string rtcp = CheckRtcp(input);
        return $"{rtp}, {rtcp}";
    }

    private static string CheckRtp(ReadOnlySpan<byte> packet)
    {
        int measured = RtpHeader.MeasureHeader(packet);
        FuzzPropertyException.Check(measured == -1 || (measured >= RtpHeader.FixedLength && measured <= packet.Length), "a measured header lies inside the packet");
        if (!RtpHeader.TryParse(packet, out RtpHeader header))
        {
            return measured < 0 ? "rtp rejected" : "rtp rejected (padding)";
        }

        FuzzPropertyException.Check(header.HeaderLength == measured, "TryParse and MeasureHeader agree on the header length");
        FuzzPropertyException.Check(header.HeaderLength + header.PaddingLength <= packet.Length && header.PaddingLength >= 0, "header and padding fit the packet");
        FuzzPropertyException.Check(header.PayloadType <= 127, "payload type is 7 bits");
        Span<byte> written = stackalloc byte[RtpHeader.FixedLength];
        RtpHeader.Write(written, header.Marker, header.PayloadType, header.SequenceNumber, header.Timestamp, header.Ssrc);
        FuzzPropertyException.Check(RtpHeader.TryParse(written, out RtpHeader again)
            && again.Marker == header.Marker && again.PayloadType == header.PayloadType && again.SequenceNumber == header.SequenceNumber
            && again.Timestamp == header.Timestamp && again.Ssrc == header.Ssrc, "a written header parses to the same fields");
        return header.PaddingLength > 0 ? "rtp with padding" : header.HeaderLength > RtpHeader.FixedLength ? "rtp with csrc/extension" : "rtp";
    }

    private static string CheckRtcp(ReadOnlySpan<byte> packet)
    {
        _ = RtcpPackets.IsRtcp(packet);

        // Ask about the SSRC of the first report block if there is one, so matching blocks are found.
        uint about = packet.Length >= 12 ? BinaryPrimitives.ReadUInt32BigEndian(packet[8..]) : 0;
        bool ok = RtcpPackets.TryRead(packet, about, out RtcpReportBlock? block, out _, out bool goodbye);
        FuzzPropertyException.Check(block is null || block.Value.Ssrc == about, "a report block found is about the SSRC asked for");
        if (!ok)
        {
            return "rtcp rejected";
        }

        return block is null ? (goodbye ? "rtcp bye" : "rtcp") : "rtcp with report block";
    }
}
