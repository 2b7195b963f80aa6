namespace Intercom.Media.Srtp;

/// <summary>Per-SSRC state of one SRTP crypto context: rollover counter, highest sequence number, replay windows
/// and the sender's SRTCP index (RFC 3711 §3.2.1).</summary>
internal sealed class SrtpStream
{
    public uint Ssrc { get; set; }

    public bool InUse { get; set; }

    public long LastUsed { get; set; }

    public uint RolloverCounter { get; set; }

    public ushort HighestSequenceNumber { get; set; }

    public bool HasSequenceNumber { get; set; }

    public uint NextSrtcpIndex { get; set; }

    public SrtpReplayWindow RtpWindow;

    public SrtpReplayWindow RtcpWindow;

    public void Reset(uint ssrc)
    {
        Ssrc = ssrc;
        InUse = true;
        RolloverCounter = 0;
        HighestSequenceNumber = 0;
        HasSequenceNumber = false;
        NextSrtcpIndex = 0;
        RtpWindow = default;
        RtcpWindow = default;
    }

    /// <summary>
    /// RFC 3711 §3.3.1 and Appendix A: estimates the rollover counter v of a received sequence number from the
    /// highest one seen (s_l) and the current ROC. Returns false when the estimate would be negative.
    /// </summary>
    public bool TryEstimateRolloverCounter(ushort sequenceNumber, out uint rolloverCounter)
    {
        rolloverCounter = RolloverCounter;
        if (!HasSequenceNumber)
        {
            return true;
        }

        int highest = HighestSequenceNumber;
        if (highest < 0x8000)
        {
            if (sequenceNumber - highest > 0x8000)
            {
                if (RolloverCounter == 0)
                {
                    return false;
                }

                rolloverCounter = RolloverCounter - 1;
            }
        }
        else if (highest - 0x8000 > sequenceNumber)
        {
            rolloverCounter = RolloverCounter + 1;
        }

        return true;
    }

    /// <summary>Commits an authenticated (or sent) packet: advances s_l and the ROC when the index grew.</summary>
    public void CommitRtp(uint rolloverCounter, ushort sequenceNumber)
    {
        ulong index = ((ulong)rolloverCounter << 16) | sequenceNumber;
        if (!HasSequenceNumber || index > (((ulong)RolloverCounter << 16) | HighestSequenceNumber))
        {
            RolloverCounter = rolloverCounter;
            HighestSequenceNumber = sequenceNumber;
            HasSequenceNumber = true;
        }

        RtpWindow.Commit(index);
    }
}
