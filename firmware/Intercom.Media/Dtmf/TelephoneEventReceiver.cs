namespace Intercom.Media.Dtmf;

/// <summary>
/// Turns received RFC 4733 telephone-event packets into digits, each reported once, as soon as its first packet
/// arrives. An event is recognised by its RTP timestamp, not by the marker bit, so a PBX that never sets the
/// marker, a lost first packet or retransmitted end packets all give exactly one digit (RFC 4733 §2.5.2).
/// </summary>
public sealed class TelephoneEventReceiver
{
    private bool hasEvent;
    private uint eventTimestamp;
    private int eventCode;
    private bool ended;
    private int duration;

    /// <summary>Events received that were not DTMF digits (other tones), ignored.</summary>
    public long IgnoredEvents { get; private set; }

    /// <summary>Handles one packet; returns true with the digit when a new DTMF event began.</summary>
    public bool Process(uint rtpTimestamp, ReadOnlySpan<byte> payload, out char digit)
    {
        digit = '\0';
        if (!TelephoneEventPayload.TryParse(payload, out TelephoneEventPayload value))
        {
            return false;
        }

        if (hasEvent)
        {
            int age = unchecked((int)(rtpTimestamp - eventTimestamp));
            if (age == 0)
            {
                ended |= value.End;
                duration = Math.Max(duration, value.Duration);
                return false;
            }

            if (age < 0)
            {
                return false; // a late packet of an earlier event
            }

            // RFC 4733 §2.5.1.3: a long event continues in a new segment whose timestamp follows the old duration.
            if (!ended && value.EventCode == eventCode && age == duration)
            {
                eventTimestamp = rtpTimestamp;
                ended = value.End;
                duration = value.Duration;
                return false;
            }
        }

        hasEvent = true;
        eventTimestamp = rtpTimestamp;
        eventCode = value.EventCode;
        ended = value.End;
        duration = value.Duration;
        digit = DtmfDigits.FromEventCode(value.EventCode);
        if (digit == '\0')
        {
            IgnoredEvents++;
            return false;
        }

        return true;
    }
}
