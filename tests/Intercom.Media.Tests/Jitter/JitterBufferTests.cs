using Intercom.Media.Codecs;
using Intercom.Media.Codecs.Opus;
using Intercom.Media.Jitter;
using Intercom.Media.Tests.Codecs;

namespace Intercom.Media.Tests.Jitter;

public sealed class JitterBufferTests
{
    private const long Frequency = 1_000_000; // arrival timestamps in microseconds

    private sealed record Packet(ushort Sequence, uint Timestamp, byte[] Payload);

    private static List<Packet> G711Packets(short[] pcm)
    {
        var packets = new List<Packet>();
        for (int i = 0; i * 160 < pcm.Length; i++)
        {
            var payload = new byte[160];
            G711.Encode(pcm.AsSpan(i * 160, 160), payload, aLaw: true);
            packets.Add(new Packet((ushort)(65500 + i), (uint)(i * 160), payload));
        }

        return packets;
    }

    private static short[] Play(JitterBuffer buffer, int frames, int frameSamples, Func<int, IEnumerable<(Packet Packet, long Arrival)>> arrivalsBeforeFrame)
    {
        var output = new short[frames * frameSamples];
        for (int frame = 0; frame < frames; frame++)
        {
            foreach ((Packet packet, long arrival) in arrivalsBeforeFrame(frame))
            {
                buffer.Insert(packet.Payload, packet.Sequence, packet.Timestamp, arrival);
            }

            buffer.Pull(output.AsSpan(frame * frameSamples, frameSamples));
        }

        return output;
    }

    [Fact]
    public void Pull_ReorderedAndDuplicatedAcrossSequenceWrap_PlaysEverySampleInOrder()
    {
        short[] pcm = TestSignals.Voice(8000, 8000);
        List<Packet> packets = G711Packets(pcm);
        var decodedReference = new short[pcm.Length];
        G711.Decode(packets.SelectMany(p => p.Payload).ToArray(), decodedReference, aLaw: true);
        using var buffer = new JitterBuffer(new G711Decoder(AudioCodec.Pcma), 8000, Frequency, TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(300));

        // Packets arrive every 20 ms but pairwise swapped, and every seventh twice.
        var schedule = new List<(Packet, long)>();
        for (int i = 0; i < packets.Count; i++)
        {
            int index = i % 2 == 0 ? Math.Min(i + 1, packets.Count - 1) : i - 1;
            schedule.Add((packets[index], i * 20_000L));
            if (i % 7 == 0)
            {
                schedule.Add((packets[index], (i * 20_000L) + 1000));
            }
        }

        short[] output = Play(buffer, 120, 80, frame => schedule.Where(s => s.Item2 / 10_000 == frame));

        JitterBufferStatistics statistics = buffer.Statistics;
        Assert.Equal(0, statistics.LostPackets);
        Assert.True(statistics.DuplicatePackets > 0);
        (double correlation, int lag) = TestSignals.BestCorrelation(decodedReference.AsSpan(0, 6000), output, 1600);
        Assert.True(correlation > 0.999, $"correlation {correlation:F4} at lag {lag}");
    }

    [Fact]
    public void Pull_FirstPacketAfterWrapThenLatePacketFromBeforeIt_PlaysBothInOrder()
    {
        // Found by fuzzing: a packet from before the wrap arriving after the first one extended to a negative
        // sequence and threw IndexOutOfRangeException on the audio thread.
        short[] pcm = TestSignals.Voice(8000, 1600);
        List<Packet> packets = G711Packets(pcm); // sequences 65500.. wrap after 36 packets
        using var buffer = new JitterBuffer(new G711Decoder(AudioCodec.Pcma), 8000, Frequency, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(300));
        var first = new Packet(3, 160 * 39, packets[0].Payload);
        var late = new Packet(65535, 160 * 35, packets[1].Payload);

        buffer.Insert(first.Payload, first.Sequence, first.Timestamp, 0);
        buffer.Insert(late.Payload, late.Sequence, late.Timestamp, 1000);
        var output = new short[4 * 80];
        for (int frame = 0; frame < 4; frame++)
        {
            buffer.Pull(output.AsSpan(frame * 80, 80));
        }

        Assert.Equal(2, buffer.Statistics.Packets);
        Assert.Equal(0, buffer.Statistics.LatePackets);
    }

    [Fact]
    public void Insert_Jitter40Ms_TargetDelayGrowsToCoverIt()
    {
        short[] pcm = TestSignals.Voice(8000, 8000 * 4);
        List<Packet> packets = G711Packets(pcm);
        using var buffer = new JitterBuffer(new G711Decoder(AudioCodec.Pcma), 8000, Frequency, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(300));
        var random = new Random(7);
        var schedule = packets.Select((p, i) => (p, Arrival: (i * 20_000L) + random.Next(0, 40_000))).OrderBy(s => s.Arrival).ToList();

        Play(buffer, 400, 80, frame => schedule.Where(s => s.Arrival / 10_000 == frame));

        JitterBufferStatistics statistics = buffer.Statistics;
        Assert.InRange(statistics.TargetDelay.TotalMilliseconds, 40, 100);
        Assert.True(statistics.LatePackets < packets.Count / 20, $"{statistics.LatePackets} late packets");
    }

    [Fact]
    public void Pull_OpusWithLoss_RecoversFromFecAndKeepsTheSignal()
    {
        short[] pcm = TestSignals.Voice(16000, 16000 * 2);
        using var encoder = new OpusEncoder(16000, 32000, inbandFec: true, expectedLossPercent: 20);
        using var decoder = new OpusDecoder(16000);
        var packets = new List<Packet>();
        var scratch = new byte[1500];
        for (int i = 0; i * 320 < pcm.Length; i++)
        {
            int bytes = encoder.Encode(pcm.AsSpan(i * 320, 320), scratch);
            packets.Add(new Packet((ushort)i, (uint)(i * 960), scratch.AsSpan(0, bytes).ToArray()));
        }

        using var buffer = new JitterBuffer(decoder, 48000, Frequency, TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(300));
        var schedule = packets.Select((p, i) => (p, Arrival: i * 20_000L)).Where((_, i) => i % 10 != 5).ToList();

        short[] output = Play(buffer, 200, 160, frame => schedule.Where(s => s.Arrival / 10_000 == frame));

        Assert.Equal(packets.Count / 10, buffer.Statistics.RecoveredByFec);
        (double correlation, _) = TestSignals.BestCorrelation(pcm.AsSpan(0, 24000), output, 2400);
        Assert.True(correlation > 0.8, $"correlation {correlation:F3}");
    }

    [Fact]
    public void PullAndInsert_SteadyStream_AllocateNothing()
    {
        short[] pcm = TestSignals.Voice(8000, 8000);
        List<Packet> packets = G711Packets(pcm);
        using var buffer = new JitterBuffer(new G711Decoder(AudioCodec.Pcmu), 8000, Frequency, TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(300));
        var frame = new short[80];
        long before = 0;
        for (int round = 0; round < 20; round++)
        {
            if (round == 2)
            {
                before = GC.GetAllocatedBytesForCurrentThread();
            }

            for (int i = 0; i < packets.Count; i++)
            {
                Packet packet = packets[i];
                int n = (round * packets.Count) + i;
                buffer.Insert(packet.Payload, (ushort)n, (uint)(n * 160), n * 20_000L);
                buffer.Pull(frame);
                buffer.Pull(frame);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Dispose_ThenInsertAndPull_IgnoresPacketsAndPlaysSilence()
    {
        short[] pcm = TestSignals.Voice(8000, 3200);
        List<Packet> packets = G711Packets(pcm);
        var buffer = new JitterBuffer(new G711Decoder(AudioCodec.Pcma), 8000, Frequency, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(300));
        short[] played = Play(buffer, 10, 80, frame => frame < packets.Count ? [(packets[frame], frame * 10_000L)] : []);
        Assert.NotEqual(-1, played.AsSpan().IndexOfAnyExcept((short)0));

        buffer.Dispose();
        buffer.Dispose();
        short[] afterDispose = Play(buffer, 10, 80, frame => [(packets[10 + frame], (10 + frame) * 10_000L)]);

        Assert.Equal(-1, afterDispose.AsSpan().IndexOfAnyExcept((short)0));
        Assert.Equal(10, buffer.Statistics.Packets);
    }
}
