using Intercom.Media.Dtmf;

namespace Intercom.Station.Calls;

/// <summary>
/// Merges the DTMF transports of one call into one stream of key presses. Some PBXs send every digit twice, as
/// RFC 4733 events and as SIP INFO: a digit is dropped when the digit accepted just before it is the same digit
/// from a different transport less than <see cref="Window"/> ago. Repeated digits from one transport ("55") are
/// never merged, so a peer that uses one transport loses nothing.
/// </summary>
internal sealed class DtmfDeduplicator(TimeProvider timeProvider, TimeSpan window)
{
    /// <summary>The default window: longer than the gap between INFO and RTP for one press, shorter than two presses of one key.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();
    private char _lastDigit;
    private DtmfSource _lastSource;
    private long _lastTimestamp;

    /// <summary>How close a copy from another transport must follow to be dropped.</summary>
    public TimeSpan Window { get; } = window;

    /// <summary>True when the digit is a new key press; false for a copy from another transport.</summary>
    public bool Accept(char digit, DtmfSource source)
    {
        long now = timeProvider.GetTimestamp();
        lock (_gate)
        {
            if (_lastDigit == digit && _lastSource != source && timeProvider.GetElapsedTime(_lastTimestamp, now) < Window)
            {
                return false;
            }

            _lastDigit = digit;
            _lastSource = source;
            _lastTimestamp = now;
            return true;
        }
    }
}
