using Intercom.Media.Srtp;

namespace Intercom.Media.Tests.Srtp;

public sealed class SrtpContextTests
{
    public static TheoryData<SrtpCryptoSuite> Suites => new()
    {
        SrtpCryptoSuite.AesCm128HmacSha1Tag80,
        SrtpCryptoSuite.AesCm128HmacSha1Tag32,
        SrtpCryptoSuite.AeadAes128Gcm,
    };

    private static (SrtpContext Sender, SrtpContext Receiver) Pair(SrtpCryptoSuite suite)
    {
        byte[] material = SrtpPackets.MasterKeyAndSalt(SrtpSuiteParameters.MasterSaltLength(suite), 1);
        return (new SrtpContext(suite, material.AsSpan(0, 16), material.AsSpan(16)),
            new SrtpContext(suite, material.AsSpan(0, 16), material.AsSpan(16)));
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void UnprotectRtp_EveryFlippedBit_FailsAndCounts(SrtpCryptoSuite suite)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(suite);
        using (sender)
        using (receiver)
        {
            byte[] packet = SrtpPackets.Rtp(100, 42, 20, out int length);
            sender.ProtectRtp(packet, length, out int protectedLength);
            byte[] wire = packet.AsSpan(0, protectedLength).ToArray();
            int failures = 0;
            for (int bit = 0; bit < wire.Length * 8; bit += 3)
            {
                byte[] forged = (byte[])wire.Clone();
                forged[bit / 8] ^= (byte)(1 << (bit % 8));
                SrtpStatus status = receiver.UnprotectRtp(forged, out _);
                Assert.NotEqual(SrtpStatus.Ok, status);
                failures++;
            }

            Assert.True(receiver.AuthenticationFailures + receiver.MalformedPackets >= failures - 1);
            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(wire, out _));
        }
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void UnprotectRtp_ReplayedAndTooOld_AreDropped(SrtpCryptoSuite suite)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(suite);
        using (sender)
        using (receiver)
        {
            var wire = new List<byte[]>();
            for (ushort sequenceNumber = 1; sequenceNumber <= 200; sequenceNumber++)
            {
                byte[] packet = SrtpPackets.Rtp(sequenceNumber, 7, 10, out int length);
                sender.ProtectRtp(packet, length, out int protectedLength);
                wire.Add(packet.AsSpan(0, protectedLength).ToArray());
            }

            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(wire[0].ToArray(), out _));
            Assert.Equal(SrtpStatus.Replayed, receiver.UnprotectRtp(wire[0].ToArray(), out _));
            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(wire[199].ToArray(), out _));

            // Reordered within the window is fine once; index 1 is now 199 packets behind: too old.
            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(wire[150].ToArray(), out _));
            Assert.Equal(SrtpStatus.Replayed, receiver.UnprotectRtp(wire[150].ToArray(), out _));
            Assert.Equal(SrtpStatus.TooOld, receiver.UnprotectRtp(wire[1].ToArray(), out _));
            Assert.Equal(3, receiver.ReplayedPackets);
        }
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void UnprotectRtp_AcrossSequenceWrapWithLoss_KeepsRolloverCounter(SrtpCryptoSuite suite)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(suite);
        using (sender)
        using (receiver)
        {
            int received = 0;
            for (int i = 0; i < 70_000 * 2; i += 37)
            {
                byte[] packet = SrtpPackets.Rtp((ushort)i, 9, 4, out int length);
                sender.ProtectRtp(packet, length, out int protectedLength);
                if (i % 5 == 0)
                {
                    continue; // lost
                }

                Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(packet.AsSpan(0, protectedLength), out _));
                received++;
            }

            Assert.True(received > 3000);
        }
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void UnprotectRtp_TruncatedOrGarbage_ReturnsMalformedWithoutThrowing(SrtpCryptoSuite suite)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(suite);
        using (sender)
        using (receiver)
        {
            var random = new Random(5);
            for (int length = 0; length < 80; length++)
            {
                var garbage = new byte[length];
                random.NextBytes(garbage);
                Assert.NotEqual(SrtpStatus.Ok, receiver.UnprotectRtp(garbage, out _));
                Assert.NotEqual(SrtpStatus.Ok, receiver.UnprotectRtcp(garbage, out _));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void ProtectAndUnprotect_ThousandsOfPackets_AllocateNothing(SrtpCryptoSuite suite)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(suite);
        using (sender)
        using (receiver)
        {
            byte[] packet = SrtpPackets.Rtp(1, 3, 160, out int length);
            byte[] forged = new byte[length + 16];
            byte[] rtcp = SrtpPackets.ReceiverReport(3, out int rtcpLength);
            int unexpected = 0;
            void RoundTrip(ushort sequenceNumber)
            {
                packet[2] = (byte)(sequenceNumber >> 8);
                packet[3] = (byte)sequenceNumber;
                sender.ProtectRtp(packet, length, out int protectedLength);
                packet.AsSpan(0, protectedLength).CopyTo(forged);
                forged[20] ^= 1;
                // Assert allocates, so results are counted and checked after the measured loop.
                unexpected += receiver.UnprotectRtp(forged.AsSpan(0, protectedLength), out _) == SrtpStatus.AuthenticationFailed ? 0 : 1;
                unexpected += receiver.UnprotectRtp(packet.AsSpan(0, protectedLength), out _) == SrtpStatus.Ok ? 0 : 1;
                sender.ProtectRtcp(rtcp, rtcpLength, out int protectedRtcpLength);
                unexpected += receiver.UnprotectRtcp(rtcp.AsSpan(0, protectedRtcpLength), out _) == SrtpStatus.Ok ? 0 : 1;
            }

            for (ushort i = 0; i < 100; i++)
            {
                RoundTrip(i);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (ushort i = 100; i < 5100; i++)
            {
                RoundTrip(i);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, unexpected);
            // Forged packets included: GCM runs on our AES-NI/PCLMULQDQ code here, which returns false instead of
            // throwing as .NET's AesGcm does.
            Assert.Equal(0, allocated);
        }
    }

    [Fact]
    public void UnprotectRtcp_Tag32SuiteWithShortSrtcpTag_AcceptedAndAnsweredInKind()
    {
        // baresip (libre) sends SRTCP with a 32-bit tag under AES_CM_128_HMAC_SHA1_32; RFC 4568 §6.2.2 says 80 bits.
        (SrtpContext sender, SrtpContext receiver) = Pair(SrtpCryptoSuite.AesCm128HmacSha1Tag32);
        using (sender)
        using (receiver)
        {
            sender.UsesShortRtcpTag = true;
            Assert.True(sender.UsesShortRtcpTag);
            Assert.False(receiver.UsesShortRtcpTag);
            byte[] rtcp = SrtpPackets.ReceiverReport(5, out int rtcpLength);
            byte[] plain = rtcp.AsSpan(0, rtcpLength).ToArray();
            Assert.Equal(SrtpStatus.Ok, sender.ProtectRtcp(rtcp, rtcpLength, out int protectedLength));
            Assert.Equal(rtcpLength + 4 + 4, protectedLength);

            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtcp(rtcp.AsSpan(0, protectedLength), out int plainLength));
            Assert.Equal(plain, rtcp.AsSpan(0, plainLength).ToArray());
            Assert.True(receiver.UsesShortRtcpTag);
            Assert.Equal(0, receiver.AuthenticationFailures);

            // Back to the specified length: accepted, and the receiver follows.
            sender.UsesShortRtcpTag = false;
            byte[] again = SrtpPackets.ReceiverReport(5, out rtcpLength);
            Assert.Equal(SrtpStatus.Ok, sender.ProtectRtcp(again, rtcpLength, out protectedLength));
            Assert.Equal(rtcpLength + 4 + 10, protectedLength);
            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtcp(again.AsSpan(0, protectedLength), out _));
            Assert.False(receiver.UsesShortRtcpTag);
        }
    }

    [Fact]
    public void UnprotectRtcp_Tag32SuiteForgedOrPlain_RejectedUnderBothTagLengths()
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(SrtpCryptoSuite.AesCm128HmacSha1Tag32);
        using (sender)
        using (receiver)
        {
            sender.UsesShortRtcpTag = true;
            byte[] rtcp = SrtpPackets.ReceiverReport(5, out int rtcpLength);
            byte[] plain = rtcp.AsSpan(0, rtcpLength).ToArray();
            sender.ProtectRtcp(rtcp, rtcpLength, out int protectedLength);
            for (int bit = 0; bit < protectedLength * 8; bit += 5)
            {
                byte[] forged = rtcp.AsSpan(0, protectedLength).ToArray();
                forged[bit / 8] ^= (byte)(1 << (bit % 8));
                Assert.NotEqual(SrtpStatus.Ok, receiver.UnprotectRtcp(forged, out _));
            }

            // An unprotected report (baresip sends one before its keys are set and one BYE after) never passes.
            Assert.NotEqual(SrtpStatus.Ok, receiver.UnprotectRtcp(plain, out _));
            Assert.False(receiver.UsesShortRtcpTag);
            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtcp(rtcp.AsSpan(0, protectedLength), out _));
        }
    }

    [Theory]
    [InlineData(SrtpCryptoSuite.AesCm128HmacSha1Tag80)]
    [InlineData(SrtpCryptoSuite.AeadAes128Gcm)]
    public void UsesShortRtcpTag_OtherSuites_StaysOff(SrtpCryptoSuite suite)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(suite);
        using (sender)
        using (receiver)
        {
            sender.UsesShortRtcpTag = true;
            Assert.False(sender.UsesShortRtcpTag);
            byte[] rtcp = SrtpPackets.ReceiverReport(5, out int rtcpLength);
            sender.ProtectRtcp(rtcp, rtcpLength, out int protectedLength);
            Assert.Equal(rtcpLength + sender.RtcpOverhead, protectedLength);
            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtcp(rtcp.AsSpan(0, protectedLength), out _));
        }
    }
}
