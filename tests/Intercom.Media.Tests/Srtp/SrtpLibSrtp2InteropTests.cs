using Intercom.Media.Srtp;
using Intercom.Media.Tests.Interop;

namespace Intercom.Media.Tests.Srtp;

/// <summary>Our SRTP against Debian's libsrtp2, both directions, RTP and RTCP, across a sequence-number wrap.</summary>
public sealed class SrtpLibSrtp2InteropTests
{
    public static TheoryData<SrtpCryptoSuite, int> Suites => new()
    {
        { SrtpCryptoSuite.AesCm128HmacSha1Tag80, LibSrtp2.ProfileAes128CmSha1Tag80 },
        { SrtpCryptoSuite.AesCm128HmacSha1Tag32, LibSrtp2.ProfileAes128CmSha1Tag32 },
        { SrtpCryptoSuite.AeadAes128Gcm, LibSrtp2.ProfileAeadAes128Gcm },
    };

    [Theory]
    [MemberData(nameof(Suites))]
    public void ProtectRtp_OursToLibSrtp2_Decrypts(SrtpCryptoSuite suite, int profile)
    {
        byte[] material = SrtpPackets.MasterKeyAndSalt(SrtpSuiteParameters.MasterSaltLength(suite), 3);
        using var ours = new SrtpContext(suite, material.AsSpan(0, 16), material.AsSpan(16));
        using var theirs = new LibSrtp2Session(profile, material, inbound: true);

        // 65530 → 5 crosses the wrap, so the rollover counter goes to 1 on both sides.
        for (int i = 0; i < 12; i++)
        {
            ushort sequenceNumber = (ushort)(65530 + i);
            byte[] packet = SrtpPackets.Rtp(sequenceNumber, 0x11223344, 160, out int length);
            byte[] original = packet.AsSpan(0, length).ToArray();

            Assert.Equal(SrtpStatus.Ok, ours.ProtectRtp(packet, length, out int protectedLength));
            Assert.Equal(length + SrtpSuiteParameters.RtpTagLength(suite), protectedLength);
            Assert.NotEqual(original, packet.AsSpan(0, length).ToArray());

            Assert.Equal(length, theirs.Unprotect(packet, protectedLength));
            Assert.Equal(original, packet.AsSpan(0, length).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void UnprotectRtp_LibSrtp2ToOurs_Decrypts(SrtpCryptoSuite suite, int profile)
    {
        byte[] material = SrtpPackets.MasterKeyAndSalt(SrtpSuiteParameters.MasterSaltLength(suite), 9);
        using var theirs = new LibSrtp2Session(profile, material, inbound: false);
        using var ours = new SrtpContext(suite, material.AsSpan(0, 16), material.AsSpan(16));

        for (int i = 0; i < 12; i++)
        {
            ushort sequenceNumber = (ushort)(65530 + i);
            byte[] packet = SrtpPackets.Rtp(sequenceNumber, 0x55667788, 33 + i, out int length);
            byte[] original = packet.AsSpan(0, length).ToArray();

            int protectedLength = theirs.Protect(packet, length);
            Assert.True(protectedLength > length, $"libsrtp2 protect failed: {-protectedLength}");

            Assert.Equal(SrtpStatus.Ok, ours.UnprotectRtp(packet.AsSpan(0, protectedLength), out int plainLength));
            Assert.Equal(original, packet.AsSpan(0, plainLength).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void ProtectRtcp_BothDirections_Decrypts(SrtpCryptoSuite suite, int profile)
    {
        byte[] material = SrtpPackets.MasterKeyAndSalt(SrtpSuiteParameters.MasterSaltLength(suite), 21);
        using var oursOut = new SrtpContext(suite, material.AsSpan(0, 16), material.AsSpan(16));
        using var oursIn = new SrtpContext(suite, material.AsSpan(0, 16), material.AsSpan(16));
        using var theirsIn = new LibSrtp2Session(profile, material, inbound: true);
        using var theirsOut = new LibSrtp2Session(profile, material, inbound: false);

        for (int i = 0; i < 3; i++)
        {
            byte[] packet = SrtpPackets.ReceiverReport(0xCAFEBABE, out int length);
            byte[] original = packet.AsSpan(0, length).ToArray();
            Assert.Equal(SrtpStatus.Ok, oursOut.ProtectRtcp(packet, length, out int protectedLength));
            Assert.Equal(length, theirsIn.UnprotectRtcp(packet, protectedLength));
            Assert.Equal(original, packet.AsSpan(0, length).ToArray());

            int theirLength = theirsOut.ProtectRtcp(packet, length);
            Assert.Equal(protectedLength, theirLength);
            Assert.Equal(SrtpStatus.Ok, oursIn.UnprotectRtcp(packet.AsSpan(0, theirLength), out int plainLength));
            Assert.Equal(original, packet.AsSpan(0, plainLength).ToArray());
        }
    }
}
