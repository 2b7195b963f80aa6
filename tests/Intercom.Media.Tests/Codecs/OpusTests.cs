using Intercom.Media.Codecs.Opus;

namespace Intercom.Media.Tests.Codecs;

public sealed class OpusTests
{
    [Fact]
    public void Library_IsNativeLibopus()
    {
        Assert.True(OpusLibrary.IsAvailable, OpusLibrary.Description);
        Assert.Contains("libopus", OpusLibrary.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(16000)]
    [InlineData(48000)]
    public void EncodeThenDecode_Voice_CorrelatesAndAllocatesNothing(int sampleRateHz)
    {
        int frame = sampleRateHz / 50;
        short[] pcm = TestSignals.Voice(sampleRateHz, sampleRateHz * 2);
        var payload = new byte[1500];
        var output = new short[pcm.Length];
        int RunPass(OpusEncoder encoder, OpusDecoder decoder)
        {
            int failures = 0;
            for (int offset = 0; offset < pcm.Length; offset += frame)
            {
                int bytes = encoder.Encode(pcm.AsSpan(offset, frame), payload);
                failures += bytes > 0 && decoder.Decode(payload.AsSpan(0, bytes), output.AsSpan(offset, frame)) == frame ? 0 : 1;
            }

            return failures;
        }

        // A first pass with other instances warms up: tiered JIT charges its own small allocations to the thread
        // that runs the code.
        using (var warmUpEncoder = new OpusEncoder(sampleRateHz))
        using (var warmUpDecoder = new OpusDecoder(sampleRateHz))
        {
            Assert.Equal(0, RunPass(warmUpEncoder, warmUpDecoder));
        }

        using var encoder = new OpusEncoder(sampleRateHz);
        using var decoder = new OpusDecoder(sampleRateHz);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int failures = RunPass(encoder, decoder);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
        (double correlation, int lag) = TestSignals.BestCorrelation(pcm.AsSpan(0, pcm.Length - (sampleRateHz / 10)), output, sampleRateHz / 100);
        Assert.True(correlation > 0.85, $"correlation {correlation:F3} at lag {lag}");
    }

    [Fact]
    public void DecodeRedundancy_LostFrameWithFec_BeatsPlainConcealment()
    {
        const int Rate = 16000;
        const int Frame = 320;
        short[] pcm = TestSignals.Voice(Rate, Rate * 2);
        using var encoder = new OpusEncoder(Rate, 24000, inbandFec: true, expectedLossPercent: 20);
        var packets = new List<byte[]>();
        var payload = new byte[1500];
        for (int offset = 0; offset < pcm.Length; offset += Frame)
        {
            int bytes = encoder.Encode(pcm.AsSpan(offset, Frame), payload);
            packets.Add(payload.AsSpan(0, bytes).ToArray());
        }

        short[] withFec = DecodeLosingEveryFifth(packets, Frame, useFec: true);
        short[] withoutFec = DecodeLosingEveryFifth(packets, Frame, useFec: false);

        double fecSnr = TestSignals.SnrDecibels(pcm.AsSpan(0, pcm.Length - Frame), withFec.AsSpan(0, pcm.Length - Frame));
        double plcSnr = TestSignals.SnrDecibels(pcm.AsSpan(0, pcm.Length - Frame), withoutFec.AsSpan(0, pcm.Length - Frame));
        Assert.True(BestCorrelationOfLostFrames(pcm, withFec, Frame) > BestCorrelationOfLostFrames(pcm, withoutFec, Frame),
            $"FEC should recover lost frames better (SNR with FEC {fecSnr:F1} dB, PLC only {plcSnr:F1} dB)");
    }

    private static short[] DecodeLosingEveryFifth(List<byte[]> packets, int frame, bool useFec)
    {
        using var decoder = new OpusDecoder(16000);
        var output = new short[packets.Count * frame];
        for (int i = 0; i < packets.Count; i++)
        {
            Span<short> target = output.AsSpan(i * frame, frame);
            if (i % 5 == 2 && i + 1 < packets.Count)
            {
                if (useFec)
                {
                    decoder.DecodeRedundancy(packets[i + 1], target);
                }
                else
                {
                    decoder.Conceal(target);
                }

                continue;
            }

            decoder.Decode(packets[i], target);
        }

        return output;
    }

    private static double BestCorrelationOfLostFrames(short[] reference, short[] decoded, int frame)
    {
        double total = 0;
        for (int i = 2; (i + 2) * frame < reference.Length; i += 5)
        {
            // Opus at 16 kHz delays by 6.5 ms (104 samples); compare each lost frame with that delay.
            int start = (i * frame) - 104;
            if (start < 0)
            {
                continue;
            }

            (double correlation, _) = TestSignals.BestCorrelation(reference.AsSpan(start, frame), decoded.AsSpan(i * frame, frame + 8), 8);
            total += correlation;
        }

        return total;
    }
}
