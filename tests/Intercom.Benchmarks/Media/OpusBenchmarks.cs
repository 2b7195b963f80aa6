using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Intercom.Media.Codecs.Opus;

namespace Intercom.Benchmarks.Media;

/// <summary>
/// Opus encode and decode of one 20 ms mono frame through our binding, against the same libopus called from C
/// (tools/native-bench, the baseline of each category), with the same settings and audio. Target: 0 managed bytes
/// per frame. Run: dotnet run -c Release --project tests/Intercom.Benchmarks -- --filter '*OpusBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public unsafe class OpusBenchmarks
{
    private const int Frames = 16;
    private const int PacketCount = 50;

    private OpusEncoder? encoder;
    private OpusDecoder? decoder;
    private short[] pcm = [];
    private byte[][] packets = [];
    private int[] packetLengths = [];
    private readonly byte[] payload = new byte[1500];
    private short[] output = [];
    private int frame;
    private int nextFrame;
    private int nextPacket;
    private IntPtr anchor;

    [Params(16000, 48000)]
    public int SampleRateHz { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        frame = SampleRateHz / 50;
        pcm = new short[SampleRateHz];
        for (int n = 0; n < pcm.Length; n++)
        {
            pcm[n] = (short)((8000 * Math.Sin(2 * Math.PI * 140 * n / SampleRateHz)) + (3000 * Math.Sin(2 * Math.PI * 1100 * n / SampleRateHz)));
        }

        encoder = new OpusEncoder(SampleRateHz, 32000, inbandFec: true, expectedLossPercent: 10, complexity: 5);
        decoder = new OpusDecoder(SampleRateHz);
        output = new short[frame];
        packets = new byte[PacketCount][];
        packetLengths = new int[PacketCount];
        using (var setupEncoder = new OpusEncoder(SampleRateHz))
        {
            for (int i = 0; i < PacketCount; i++)
            {
                packets[i] = new byte[1500];
                packetLengths[i] = setupEncoder.Encode(pcm.AsSpan(i % (pcm.Length / frame) * frame, frame), packets[i]);
            }
        }

        fixed (short* samples = pcm)
        {
            anchor = NativeAnchors.OpusNew(SampleRateHz, samples, pcm.Length);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        encoder?.Dispose();
        decoder?.Dispose();
        NativeAnchors.OpusFree(anchor);
    }

    [BenchmarkCategory("Encode")]
    [Benchmark(Baseline = true, OperationsPerInvoke = Frames, Description = "libopus encode from C")]
    public int EncodeFromC() => NativeAnchors.OpusEncodeRun(anchor, Frames);

    [BenchmarkCategory("Encode")]
    [Benchmark(OperationsPerInvoke = Frames, Description = "ours encode")]
    public int Encode()
    {
        int total = 0;
        for (int i = 0; i < Frames; i++)
        {
            total += encoder!.Encode(pcm.AsSpan(nextFrame * frame, frame), payload);
            nextFrame = (nextFrame + 1) % (pcm.Length / frame);
        }

        return total;
    }

    [BenchmarkCategory("Decode")]
    [Benchmark(Baseline = true, OperationsPerInvoke = Frames, Description = "libopus decode from C")]
    public int DecodeFromC() => NativeAnchors.OpusDecodeRun(anchor, Frames);

    [BenchmarkCategory("Decode")]
    [Benchmark(OperationsPerInvoke = Frames, Description = "ours decode")]
    public int Decode()
    {
        int total = 0;
        for (int i = 0; i < Frames; i++)
        {
            total += decoder!.Decode(packets[nextPacket].AsSpan(0, packetLengths[nextPacket]), output);
            nextPacket = (nextPacket + 1) % PacketCount;
        }

        return total;
    }
}
