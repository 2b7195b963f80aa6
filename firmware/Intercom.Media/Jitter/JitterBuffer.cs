using Intercom.Media.Codecs;

namespace Intercom.Media.Jitter;

/// <summary>
/// Adaptive jitter buffer for one RTP audio stream, owned by the audio thread. Packets are reordered by sequence
/// number, duplicates and late packets dropped; the playout delay follows the 95th percentile of the measured
/// delay variation (a decaying histogram), between <c>minimumDelay</c> and <c>maximumDelay</c>. A missing packet is
/// rebuilt from the next packet's FEC when the codec has it (Opus), otherwise concealed; an empty buffer plays
/// concealment and so grows the delay; a delay well above target is cut by dropping 10 ms frames.
/// All buffers are taken in the constructor, the large ones from <see cref="PayloadStoragePool.Shared"/>;
/// <see cref="Dispose"/> gives them back once the audio thread no longer calls <see cref="Insert"/> or <see cref="Pull"/>.
/// </summary>
public sealed class JitterBuffer : IDisposable
{
    private const int Capacity = 64;
    private const int MaximumPayload = 1500;
    private const int HistogramBuckets = 250;
    private const double HistogramDecay = 0.995;
    private const int DiscardAfterPulls = 20;
    private const long FirstCycle = 1L << 16;

    private readonly IAudioDecoder decoder;
    private readonly int clockRateHz;
    private readonly double samplesPerTimestamp;
    private readonly long timestampFrequency;
    private readonly int minimumDelayUnits;
    private readonly int maximumDelayUnits;
    private readonly int bucketUnits;
    private const int DecodedSamples = 5760; // 120 ms at 48 kHz: the longest Opus packet (RFC 6716 §3.2.1)
    private const int FifoSamples = 16384;

    private byte[] payloads; // Capacity slots of MaximumPayload bytes each
    private readonly int[] lengths = new int[Capacity];
    private readonly long[] slotSequence = new long[Capacity];
    private readonly uint[] slotTimestamp = new uint[Capacity];
    private readonly double[] histogram = new double[HistogramBuckets];
    private short[] decoded;
    private short[] fifo;
    private bool disposed;
    private int fifoStart;
    private int fifoCount;
    private bool hasPackets;
    private long highestSequence;
    private uint highestTimestamp;
    private long lowestSequence;
    private bool started;
    private long nextSequence;
    private uint playoutTimestamp;
    private int packetDurationUnits;
    private bool inUnderrun;
    private bool hasTransit;
    private long minimumTransit;
    private double histogramWeight;
    private int targetDelayUnits;
    private int overTargetPulls;
    private long packets;
    private long latePackets;
    private long duplicatePackets;
    private long lostPackets;
    private long recoveredByFec;
    private long concealedFrames;
    private long underruns;
    private long discardedFrames;

    /// <summary>Creates a buffer that decodes with <paramref name="decoder"/>.</summary>
    /// <param name="decoder">The codec's decoder; the buffer calls it only from <see cref="Pull"/>.</param>
    /// <param name="rtpClockRateHz">The payload type's RTP clock rate.</param>
    /// <param name="timestampFrequency">Ticks per second of the arrival timestamps (TimeProvider.TimestampFrequency).</param>
    /// <param name="minimumDelay">Lowest target delay.</param>
    /// <param name="maximumDelay">Highest target delay.</param>
    public JitterBuffer(IAudioDecoder decoder, int rtpClockRateHz, long timestampFrequency, TimeSpan minimumDelay, TimeSpan maximumDelay)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        this.decoder = decoder;
        clockRateHz = rtpClockRateHz;
        this.timestampFrequency = timestampFrequency;
        samplesPerTimestamp = (double)decoder.SampleRateHz / rtpClockRateHz;
        minimumDelayUnits = (int)(minimumDelay.TotalSeconds * rtpClockRateHz);
        maximumDelayUnits = (int)(maximumDelay.TotalSeconds * rtpClockRateHz);
        bucketUnits = Math.Max(1, rtpClockRateHz / 500); // 2 ms buckets
        targetDelayUnits = minimumDelayUnits;
        packetDurationUnits = rtpClockRateHz / 50;
        payloads = PayloadStoragePool.Shared.Rent<byte>(Capacity * MaximumPayload);
        decoded = PayloadStoragePool.Shared.Rent<short>(DecodedSamples);
        fifo = PayloadStoragePool.Shared.Rent<short>(FifoSamples);
        for (int i = 0; i < Capacity; i++)
        {
            slotSequence[i] = -1;
        }
    }

    /// <summary>Counters and current delays.</summary>
    public JitterBufferStatistics Statistics => new()
    {
        Packets = packets,
        LatePackets = latePackets,
        DuplicatePackets = duplicatePackets,
        LostPackets = lostPackets,
        RecoveredByFec = recoveredByFec,
        ConcealedFrames = concealedFrames,
        Underruns = underruns,
        DiscardedFrames = discardedFrames,
        TargetDelay = TimeSpan.FromSeconds((double)targetDelayUnits / clockRateHz),
        BufferedDelay = TimeSpan.FromSeconds((double)BufferedUnits() / clockRateHz),
    };

    /// <summary>
    /// Gives the slot, decode and playout buffers back to the pool. The caller must have stopped the thread that
    /// inserts and pulls first: a buffer in the pool may already belong to the next call. Afterwards inserts are
    /// ignored and pulls play silence.
    /// </summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        byte[] slots = payloads;
        short[] decodeBuffer = decoded;
        short[] playout = fifo;
        payloads = [];
        decoded = [];
        fifo = [];
        fifoStart = 0;
        fifoCount = 0;
        PayloadStoragePool.Shared.Return(slots);
        PayloadStoragePool.Shared.Return(decodeBuffer);
        PayloadStoragePool.Shared.Return(playout);
    }

    /// <summary>Adds a received packet (audio thread, after draining the network ring).</summary>
    public void Insert(ReadOnlySpan<byte> payload, ushort sequenceNumber, uint timestamp, long arrivalTimestamp)
    {
        if (disposed || payload.Length == 0 || payload.Length > MaximumPayload)
        {
            return;
        }

        long sequence = Extend(sequenceNumber);
        if (hasPackets && Math.Abs(sequence - highestSequence) > 3000)
        {
            // The sender restarted (new sequence space): start over rather than wait for a gap to fill.
            Reset();
            sequence = Extend(sequenceNumber);
        }

        if (started && sequence < nextSequence)
        {
            latePackets++;
            return;
        }

        int slot = (int)(sequence % Capacity);
        if (slotSequence[slot] == sequence)
        {
            duplicatePackets++;
            return;
        }

        payload.CopyTo(Slot(slot));
        lengths[slot] = payload.Length;
        slotSequence[slot] = sequence;
        slotTimestamp[slot] = timestamp;
        packets++;
        if (!hasPackets || sequence > highestSequence)
        {
            if (hasPackets && sequence == highestSequence + 1)
            {
                int duration = unchecked((int)(timestamp - highestTimestamp));
                if (duration > 0 && duration <= clockRateHz / 8)
                {
                    packetDurationUnits = duration;
                }
            }

            highestSequence = sequence;
            highestTimestamp = timestamp;
        }

        if (!hasPackets || sequence < lowestSequence)
        {
            lowestSequence = sequence;
        }

        hasPackets = true;
        MeasureDelay(timestamp, arrivalTimestamp);
    }

    /// <summary>Fills one playout frame (10 ms at the decoder's rate) from the buffer, FEC or concealment.</summary>
    public void Pull(Span<short> frame)
    {
        if (disposed)
        {
            frame.Clear();
            return;
        }

        while (fifoCount < frame.Length)
        {
            if (!Produce(frame.Length))
            {
                frame.Clear();
                return;
            }
        }

        fifo.AsSpan(fifoStart, frame.Length).CopyTo(frame);
        fifoStart += frame.Length;
        fifoCount -= frame.Length;
        AdjustDelay(frame.Length);
    }

    private bool Produce(int frameSamples)
    {
        if (!started)
        {
            if (!hasPackets || BufferedSpanUnits() < targetDelayUnits)
            {
                return false;
            }

            started = true;
            nextSequence = lowestSequence;
            playoutTimestamp = slotTimestamp[(int)(lowestSequence % Capacity)];
        }

        int slot = (int)(nextSequence % Capacity);
        if (slotSequence[slot] == nextSequence)
        {
            int samples = decoder.Decode(Slot(slot)[..lengths[slot]], decoded);
            if (samples <= 0)
            {
                samples = PacketSamples();
                decoder.Conceal(decoded.AsSpan(0, samples));
                concealedFrames++;
            }

            playoutTimestamp = slotTimestamp[slot] + (uint)(samples / samplesPerTimestamp);
            slotSequence[slot] = -1;
            nextSequence++;
            inUnderrun = false;
            Append(samples);
            return true;
        }

        if (highestSequence > nextSequence)
        {
            // RFC 7587 §3.1: the next packet's LBRR data rebuilds this one when the sender used FEC.
            int samples = PacketSamples();
            int nextSlot = (int)((nextSequence + 1) % Capacity);
            lostPackets++;
            if (decoder.Codec == AudioCodec.Opus && slotSequence[nextSlot] == nextSequence + 1)
            {
                samples = decoder.DecodeRedundancy(Slot(nextSlot)[..lengths[nextSlot]], decoded.AsSpan(0, samples));
                recoveredByFec++;
            }
            else
            {
                decoder.Conceal(decoded.AsSpan(0, samples));
                concealedFrames++;
            }

            playoutTimestamp += (uint)packetDurationUnits;
            nextSequence++;
            Append(samples);
            return true;
        }

        // Nothing to play: conceal one frame and wait (this is how the delay grows under jitter).
        if (!inUnderrun)
        {
            underruns++;
            inUnderrun = true;
        }

        decoder.Conceal(decoded.AsSpan(0, frameSamples));
        concealedFrames++;
        Append(frameSamples);
        return true;
    }

    private void Append(int samples)
    {
        if (fifoStart + fifoCount + samples > fifo.Length)
        {
            fifo.AsSpan(fifoStart, fifoCount).CopyTo(fifo);
            fifoStart = 0;
        }

        decoded.AsSpan(0, samples).CopyTo(fifo.AsSpan(fifoStart + fifoCount));
        fifoCount += samples;
    }

    private void AdjustDelay(int frameSamples)
    {
        // Drop a 10 ms frame when the delay has stayed a packet and a half above the target for 200 ms.
        if (BufferedUnits() > targetDelayUnits + (packetDurationUnits * 3 / 2))
        {
            if (++overTargetPulls >= DiscardAfterPulls && fifoCount >= frameSamples)
            {
                fifoStart += frameSamples;
                fifoCount -= frameSamples;
                discardedFrames++;
                overTargetPulls = 0;
            }
        }
        else
        {
            overTargetPulls = 0;
        }
    }

    private void MeasureDelay(uint timestamp, long arrivalTimestamp)
    {
        // Transit time in RTP units up to a constant offset; its spread above the minimum is the jitter to absorb.
        long arrivalUnits = (long)((double)arrivalTimestamp * clockRateHz / timestampFrequency);
        long transit = arrivalUnits - ExtendTimestamp(timestamp);
        if (!hasTransit || transit < minimumTransit)
        {
            minimumTransit = transit;
            hasTransit = true;
        }
        else
        {
            minimumTransit += 1; // lets the floor follow a slowly drifting clock
        }

        long spread = transit - minimumTransit;
        int bucket = (int)Math.Min(HistogramBuckets - 1, spread / bucketUnits);
        histogramWeight = 0;
        for (int i = 0; i < HistogramBuckets; i++)
        {
            histogram[i] *= HistogramDecay;
            histogramWeight += histogram[i];
        }

        histogram[bucket] += 1;
        histogramWeight += 1;
        double wanted = histogramWeight * 0.95;
        double cumulative = 0;
        int percentile = 0;
        for (int i = 0; i < HistogramBuckets; i++)
        {
            cumulative += histogram[i];
            if (cumulative >= wanted)
            {
                percentile = i;
                break;
            }
        }

        int target = ((percentile + 1) * bucketUnits) + packetDurationUnits;
        targetDelayUnits = Math.Clamp(target, minimumDelayUnits, maximumDelayUnits);
    }

    private long extendedTimestampBase;
    private uint lastRawTimestamp;
    private bool hasTimestamp;

    private long ExtendTimestamp(uint timestamp)
    {
        if (!hasTimestamp)
        {
            hasTimestamp = true;
            lastRawTimestamp = timestamp;
            extendedTimestampBase = timestamp;
            return extendedTimestampBase;
        }

        extendedTimestampBase += unchecked((int)(timestamp - lastRawTimestamp));
        lastRawTimestamp = timestamp;
        return extendedTimestampBase;
    }

    private long Extend(ushort sequenceNumber)
    {
        if (!hasPackets)
        {
            // One cycle up: a packet from before a wrap that arrives after the first one (RFC 3550 A.1, reordering)
            // extends to a lower number that must still be a valid, non-negative slot. Found by fuzzing.
            return FirstCycle + sequenceNumber;
        }

        long candidate = (highestSequence & ~0xFFFFL) | sequenceNumber;
        if (candidate - highestSequence > 0x8000)
        {
            candidate -= 0x10000;
        }
        else if (highestSequence - candidate > 0x8000)
        {
            candidate += 0x10000;
        }

        return candidate;
    }

    private Span<byte> Slot(int slot) => payloads.AsSpan(slot * MaximumPayload, MaximumPayload);

    private int BufferedSpanUnits() => unchecked((int)(highestTimestamp - slotTimestamp[(int)(lowestSequence % Capacity)])) + packetDurationUnits;

    private int BufferedUnits()
    {
        int queued = started && hasPackets ? Math.Max(0, unchecked((int)(highestTimestamp + (uint)packetDurationUnits - playoutTimestamp))) : 0;
        return queued + (int)(fifoCount / samplesPerTimestamp);
    }

    private int PacketSamples() => Math.Min(decoded.Length, (int)(packetDurationUnits * samplesPerTimestamp));

    private void Reset()
    {
        for (int i = 0; i < Capacity; i++)
        {
            slotSequence[i] = -1;
        }

        hasPackets = false;
        started = false;
        hasTimestamp = false;
        hasTransit = false;
    }
}
