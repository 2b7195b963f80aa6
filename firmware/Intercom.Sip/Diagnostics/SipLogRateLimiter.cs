namespace Intercom.Sip.Diagnostics;

/// <summary>
/// Lets at most a few log lines (or other records) per interval through, so a flood of bad packets cannot flood the
/// log. The door station uses it too, for the records of refused calls.
/// </summary>
public sealed class SipLogRateLimiter(TimeProvider timeProvider, int linesPerInterval, TimeSpan interval)
{
    private readonly object _gate = new();
    private long _windowStart = long.MinValue;
    private int _count;
    private int _suppressed;

    /// <summary>True when a line may be written now; <paramref name="suppressed"/> tells how many were held back before it.</summary>
    public bool TryAcquire(out int suppressed)
    {
        lock (_gate)
        {
            long now = timeProvider.GetTimestamp();
            if (_windowStart == long.MinValue || timeProvider.GetElapsedTime(_windowStart, now) >= interval)
            {
                _windowStart = now;
                _count = 0;
            }

            if (_count < linesPerInterval)
            {
                _count++;
                suppressed = _suppressed;
                _suppressed = 0;
                return true;
            }

            _suppressed++;
            suppressed = 0;
            return false;
        }
    }
}
