namespace Intercom.Media.Dtmf;

/// <summary>
/// Sends DTMF as RFC 4733 telephone-events: first packet with the marker bit, one packet per packet interval with
/// the growing duration and the event's start timestamp, and the end packet (E bit) three times (§2.5.1.4).
/// Digits queue while one is playing; a pause of <see cref="InterDigitGap"/> separates them. Driven by the
/// session's send clock, it allocates nothing.
/// </summary>
public sealed class TelephoneEventSender
{
    /// <summary>Pause between queued digits.</summary>
    public static readonly TimeSpan InterDigitGap = TimeSpan.FromMilliseconds(60);

    private const int EndPacketCount = 3;
    private const int Volume = 10; // -10 dBm0, RFC 4733 §2.3.4

    private readonly int clockRateHz;
    private readonly int samplesPerPacket;
    private readonly char[] queue = new char[33];
    private readonly int[] queueDurations = new int[33];
    private int queueHead; // consumer (audio thread) index
    private int queueTail; // producer (caller of Enqueue) index
    private int eventCode = -1;
    private int targetDuration;
    private int elapsed;
    private int endPacketsSent;
    private int gapRemaining;
    private uint eventTimestamp;

    /// <summary>Creates a sender for a telephone-event clock rate and the session's packet interval.</summary>
    public TelephoneEventSender(int clockRateHz, TimeSpan packetInterval)
    {
        this.clockRateHz = clockRateHz;
        samplesPerPacket = (int)(clockRateHz * packetInterval.TotalSeconds);
    }

    /// <summary>True while an event or a queued digit is pending: audio packets are suppressed meanwhile.</summary>
    public bool IsActive => eventCode >= 0 || queueHead != Volatile.Read(ref queueTail);

    /// <summary>
    /// Queues a digit; false when the character is not DTMF or 32 digits are already waiting. One thread may
    /// enqueue while the audio thread sends: the queue is a single-producer/single-consumer ring.
    /// </summary>
    public bool Enqueue(char digit, TimeSpan duration)
    {
        int tail = queueTail;
        int next = (tail + 1) % queue.Length;
        if (!DtmfDigits.IsDigit(digit) || next == Volatile.Read(ref queueHead))
        {
            return false;
        }

        queue[tail] = digit;
        queueDurations[tail] = Math.Max(samplesPerPacket, (int)(duration.TotalSeconds * clockRateHz));
        Volatile.Write(ref queueTail, next);
        return true;
    }

    /// <summary>
    /// Called once per packet interval. Returns true and fills <paramref name="payload"/> when a telephone-event
    /// packet is due now; then <paramref name="marker"/> and <paramref name="timestamp"/> are its RTP header
    /// values. <paramref name="currentTimestamp"/> is the timestamp an audio packet would carry now.
    /// </summary>
    public bool TryNextPacket(uint currentTimestamp, Span<byte> payload, out bool marker, out uint timestamp)
    {
        marker = false;
        timestamp = eventTimestamp;
        if (eventCode < 0)
        {
            if (gapRemaining > 0)
            {
                gapRemaining -= samplesPerPacket;
                return false;
            }

            if (queueHead == Volatile.Read(ref queueTail))
            {
                return false;
            }

            // RFC 4733 §2.5.1.2: a new event starts with the marker bit; its timestamp stays for all its packets.
            eventCode = DtmfDigits.ToEventCode(queue[queueHead]);
            targetDuration = queueDurations[queueHead];
            Volatile.Write(ref queueHead, (queueHead + 1) % queue.Length);
            eventTimestamp = currentTimestamp;
            elapsed = 0;
            endPacketsSent = 0;
            marker = true;
        }

        timestamp = eventTimestamp;
        elapsed = Math.Min(elapsed + samplesPerPacket, targetDuration);
        bool end = elapsed >= targetDuration;
        new TelephoneEventPayload(eventCode, end, Volume, elapsed).Write(payload);
        if (end && ++endPacketsSent == EndPacketCount)
        {
            eventCode = -1;
            gapRemaining = (int)(InterDigitGap.TotalSeconds * clockRateHz);
        }

        return true;
    }
}
