namespace Intercom.Media.Rtp;

/// <summary>
/// Reception statistics of one RTP source as RFC 3550 keeps them: extended highest sequence number and packets
/// expected and lost (Appendix A.3), interarrival jitter (§6.4.1, Appendix A.8), and the fraction lost between two
/// reports. Updated by the network thread for every valid packet.
/// </summary>
public sealed class RtpReceiverStatistics
{
    private readonly int clockRateHz;
    private readonly long timestampFrequency;
    private bool initialized;
    private uint baseSequence;
    private uint cycles;
    private ushort maximumSequence;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private long lastTransit;

    /// <summary>Creates statistics for a payload clock rate and arrival timestamps of the given frequency.</summary>
    public RtpReceiverStatistics(int clockRateHz, long timestampFrequency)
    {
        this.clockRateHz = clockRateHz;
        this.timestampFrequency = timestampFrequency;
    }

    /// <summary>Packets received.</summary>
    public long Received => Interlocked.Read(ref received);

    /// <summary>Extended highest sequence number received.</summary>
    public uint ExtendedHighestSequence => cycles + maximumSequence;

    /// <summary>Packets expected from the sequence numbers.</summary>
    public long Expected => initialized ? (long)ExtendedHighestSequence - baseSequence + 1 : 0;

    /// <summary>Cumulative packets lost (expected minus received; negative with duplicates).</summary>
    public long Lost => Expected - Received;

    /// <summary>Interarrival jitter in RTP timestamp units.</summary>
    public uint JitterUnits => (uint)jitter;

    /// <summary>Interarrival jitter as a duration.</summary>
    public TimeSpan Jitter => TimeSpan.FromSeconds(jitter / clockRateHz);

    /// <summary>Records one packet.</summary>
    public void Update(ushort sequenceNumber, uint timestamp, long arrivalTimestamp)
    {
        if (!initialized)
        {
            initialized = true;
            baseSequence = sequenceNumber;
            maximumSequence = sequenceNumber;
        }
        else
        {
            // RFC 3550 A.1: count a wrap when the sequence number moves forward past 65535.
            ushort delta = unchecked((ushort)(sequenceNumber - maximumSequence));
            if (delta < 3000)
            {
                if (sequenceNumber < maximumSequence)
                {
                    cycles += 0x10000;
                }

                maximumSequence = sequenceNumber;
            }
        }

        Interlocked.Increment(ref received);

        // RFC 3550 A.8: J += (|D| - J) / 16, with D the change of transit time between consecutive packets.
        long arrivalUnits = (long)((double)arrivalTimestamp * clockRateHz / timestampFrequency);
        long transit = arrivalUnits - timestamp;
        if (received > 1)
        {
            long difference = Math.Abs(transit - lastTransit);
            if (difference < clockRateHz * 10L)
            {
                jitter += (difference - jitter) / 16;
            }
        }

        lastTransit = transit;
    }

    /// <summary>RFC 3550 A.3: the fraction lost since the last call, as the 8-bit fixed-point value of a report block.</summary>
    public byte TakeFractionLost()
    {
        long expected = Expected;
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = Received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = Received;
        long lostInterval = expectedInterval - receivedInterval;
        return expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
    }
}
