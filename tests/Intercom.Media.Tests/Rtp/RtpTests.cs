using Intercom.Media.Rtp;

namespace Intercom.Media.Tests.Rtp;

public sealed class RtpTests
{
    [Fact]
    public void TryParse_HeaderWithCsrcExtensionAndPadding_FindsPayload()
    {
        byte[] packet =
        [
            0xB1, 0x88, 0x12, 0x34, 0, 0, 0x01, 0x00, 0xCA, 0xFE, 0xBA, 0xBE, // V=2 P X CC=1, M, PT 8
            0, 0, 0, 7, // CSRC
            0xBE, 0xDE, 0, 1, 1, 2, 3, 4, // extension, one word
            9, 9, 9, 0, 0, 2, // payload 9 9 9 0, padding of 2
        ];

        Assert.True(RtpHeader.TryParse(packet, out RtpHeader header));
        Assert.True(header.Marker);
        Assert.Equal(8, header.PayloadType);
        Assert.Equal(0x1234, header.SequenceNumber);
        Assert.Equal(256u, header.Timestamp);
        Assert.Equal(0xCAFEBABEu, header.Ssrc);
        Assert.Equal(24, header.HeaderLength);
        Assert.Equal(2, header.PaddingLength);
    }

    [Fact]
    public void TryParse_EveryTruncationAndBadVersion_ReturnsFalse()
    {
        byte[] packet = [0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xBE, 0xDE, 0, 2, 1, 2, 3, 4, 5, 6, 7, 8];
        for (int length = 0; length < packet.Length; length++)
        {
            Assert.False(RtpHeader.TryParse(packet.AsSpan(0, length), out _));
        }

        Assert.True(RtpHeader.TryParse(packet, out _));
        packet[0] = 0x50;
        Assert.False(RtpHeader.TryParse(packet, out _));
    }

    [Fact]
    public void ReceiverStatistics_LossWrapAndJitter_FollowRfc3550()
    {
        var statistics = new RtpReceiverStatistics(8000, 1_000_000);
        int sent = 0;
        for (int i = 0; i < 200; i++)
        {
            ushort sequence = (ushort)(65500 + i);
            if (i % 10 == 3)
            {
                continue; // lost
            }

            // Arrival alternates 0 and 4 ms late: |D| = 32 timestamp units each time.
            long arrival = (i * 20_000L) + (i % 2 == 0 ? 0 : 4000);
            statistics.Update(sequence, (uint)(i * 160), arrival);
            sent++;
        }

        Assert.Equal(200, statistics.Expected);
        Assert.Equal(20, statistics.Lost);
        Assert.Equal((uint)((65500 + 199) & 0xFFFF) + 0x10000u, statistics.ExtendedHighestSequence);
        Assert.InRange(statistics.JitterUnits, 20u, 33u);
        Assert.InRange(statistics.TakeFractionLost(), (byte)24, (byte)27); // 10 % of 256
        Assert.Equal(0, statistics.TakeFractionLost());
    }

    [Fact]
    public void RtcpReport_WriteThenRead_RoundTripsBlockAndSenderInfo()
    {
        var buffer = new byte[200];
        var block = new RtcpReportBlock(0xAABBCCDD, 25, -3, 70000, 42, 0x12345678, 0x9ABC);

        int length = RtcpPackets.WriteReport(buffer, 0x01020304, 0xE1234567_89ABCDEFul, 1000, 50, 8000, block, "intercom-test"u8);

        Assert.True(RtcpPackets.IsRtcp(buffer.AsSpan(0, length)));
        Assert.True(RtcpPackets.TryRead(buffer.AsSpan(0, length), 0xAABBCCDD, out RtcpReportBlock? read, out uint middle, out bool goodbye));
        Assert.Equal(block, read);
        Assert.Equal(0x456789ABu, middle);
        Assert.False(goodbye);
        Assert.False(RtcpPackets.TryRead(buffer.AsSpan(0, length - 4), 0xAABBCCDD, out _, out _, out _));
    }
}
