using Intercom.Media.Dtmf;

namespace Intercom.Station.Calls;

/// <summary>
/// Merges the DTMF transports of one call into one stream of key presses. Some PBXs send every press twice, as
/// RFC 4733 events and as SIP INFO, and the copies do not arrive in step (INFO at key-down, RTP at the end of the
/// tone, or the other way round). A digit is dropped as a copy when another transport delivered the same digit
/// less than <see cref="Window"/> ago and that delivery has not been matched by this transport yet. Digits from
/// one transport are never merged ("55" stays two presses), so a peer that uses one transport loses nothing.
/// </summary>
internal sealed class DtmfDeduplicator(TimeProvider timeProvider, TimeSpan window)
{
    /// <summary>The default window: longer than a long tone plus network delay, far shorter than a call.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(1);

    private const int Capacity = 16;

    private readonly Lock _gate = new();
    private readonly Delivery[] _recent = new Delivery[Capacity];
    private int _count;

    /// <summary>How long a delivery can be matched by a copy from another transport.</summary>
    public TimeSpan Window { get; } = window;

    /// <summary>True when the digit is a new key press; false for a copy of one another transport delivered.</summary>
    public bool Accept(char digit, DtmfSource source)
    {
        long now = timeProvider.GetTimestamp();
        int sourceBit = 1 << (int)source;
        lock (_gate)
        {
            Forget(now);
            for (int i = 0; i < _count; i++)
            {
                ref Delivery delivery = ref _recent[i];
                if (delivery.Digit == digit && delivery.Source != source && (delivery.MatchedSources & sourceBit) == 0)
                {
                    delivery.MatchedSources |= sourceBit;
                    return false;
                }
            }

            if (_count == Capacity)
            {
                Array.Copy(_recent, 1, _recent, 0, Capacity - 1);
                _count--;
            }

            _recent[_count++] = new Delivery(digit, source, now, 0);
            return true;
        }
    }

    private void Forget(long now)
    {
        int kept = 0;
        for (int i = 0; i < _count; i++)
        {
            if (timeProvider.GetElapsedTime(_recent[i].Timestamp, now) < Window)
            {
                _recent[kept++] = _recent[i];
            }
        }

        _count = kept;
    }

    private record struct Delivery(char Digit, DtmfSource Source, long Timestamp, int MatchedSources);
}
