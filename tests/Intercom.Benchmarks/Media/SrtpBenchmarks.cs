using BenchmarkDotNet.Attributes;
using Intercom.Media.Rtp;
using Intercom.Media.Srtp;
using Intercom.Media.Tests.Interop;

namespace Intercom.Benchmarks.Media;

/// <summary>
/// SRTP protect + unprotect of one RTP packet: ours against Debian's libsrtp2 driven from C (tools/native-bench,
/// the baseline) in the same run. Targets (issue 4): AES-CM at most 0.75x libsrtp2's time, AES-GCM at most 1.6x,
/// 0 bytes per packet. Run: dotnet run -c Release --project tests/Intercom.Benchmarks -- --filter '*SrtpBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public unsafe class SrtpBenchmarks
{
    private const int Packets = 64;

    private byte[] packet = [];
    private int length;
    private ushort sequenceNumber;
    private SrtpContext? sender;
    private SrtpContext? receiver;
    private IntPtr anchor;

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
        fixed (byte* key = material)
        {
            anchor = NativeAnchors.SrtpNew(profile, PayloadBytes, key);
        }

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
        NativeAnchors.SrtpFree(anchor);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Packets, Description = "libsrtp2 from C")]
    public int LibSrtp2FromC() => NativeAnchors.SrtpRun(anchor, Packets);

    [Benchmark(OperationsPerInvoke = Packets, Description = "ours")]
    public int Ours()
    {
        int failures = 0;
        for (int i = 0; i < Packets; i++)
        {
            sequenceNumber++;
            packet[2] = (byte)(sequenceNumber >> 8);
            packet[3] = (byte)sequenceNumber;
            sender!.ProtectRtp(packet, length, out int protectedLength);
            failures += receiver!.UnprotectRtp(packet.AsSpan(0, protectedLength), out _) == SrtpStatus.Ok ? 0 : 1;
        }

        return failures;
    }
}
