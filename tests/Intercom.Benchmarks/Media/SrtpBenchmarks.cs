using BenchmarkDotNet.Attributes;
using Intercom.Media.Rtp;
using Intercom.Media.Srtp;
using Intercom.Media.Tests.Interop;

namespace Intercom.Benchmarks.Media;

/// <summary>
/// SRTP protect + unprotect of one RTP packet, ours against Debian's libsrtp2 in the same run (the baseline).
/// Targets (issue 4): AES-CM at most 0.75x libsrtp2's time, AES-GCM at most 1.6x, 0 bytes per packet.
/// Run: dotnet run -c Release --project tests/Intercom.Benchmarks -- --filter '*SrtpBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class SrtpBenchmarks
{
    private byte[] packet = [];
    private int length;
    private ushort sequenceNumber;
    private SrtpContext? sender;
    private SrtpContext? receiver;
    private LibSrtp2Session? libSrtpSender;
    private LibSrtp2Session? libSrtpReceiver;

    [Params("AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM")]
    public string Suite { get; set; } = "";

    [Params(160, 960)]
    public int PayloadBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        SrtpCryptoSuite suite = SrtpSuiteParameters.FromSdesName(Suite);
        int profile = suite == SrtpCryptoSuite.AeadAes128Gcm ? LibSrtp2.ProfileAeadAes128Gcm : LibSrtp2.ProfileAes128CmSha1Tag80;
        var material = new byte[16 + SrtpSuiteParameters.MasterSaltLength(suite)];
        new Random(1).NextBytes(material);
        sender = new SrtpContext(suite, material.AsSpan(0, 16), material.AsSpan(16));
        receiver = new SrtpContext(suite, material.AsSpan(0, 16), material.AsSpan(16));
        libSrtpSender = new LibSrtp2Session(profile, material, inbound: false);
        libSrtpReceiver = new LibSrtp2Session(profile, material, inbound: true);
        packet = new byte[RtpHeader.FixedLength + PayloadBytes + 64];
        length = RtpHeader.FixedLength + PayloadBytes;
        new Random(2).NextBytes(packet);
        RtpHeader.Write(packet, false, 0, 0, 0, 0x1234);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        sender?.Dispose();
        receiver?.Dispose();
        libSrtpSender?.Dispose();
        libSrtpReceiver?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "libsrtp2")]
    public int LibSrtp2ProtectUnprotect()
    {
        NextSequenceNumber();
        int protectedLength = libSrtpSender!.Protect(packet, length);
        return libSrtpReceiver!.Unprotect(packet, protectedLength);
    }

    [Benchmark(Description = "ours")]
    public int OursProtectUnprotect()
    {
        NextSequenceNumber();
        sender!.ProtectRtp(packet, length, out int protectedLength);
        receiver!.UnprotectRtp(packet.AsSpan(0, protectedLength), out int plainLength);
        return plainLength;
    }

    private void NextSequenceNumber()
    {
        sequenceNumber++;
        packet[2] = (byte)(sequenceNumber >> 8);
        packet[3] = (byte)sequenceNumber;
    }
}
