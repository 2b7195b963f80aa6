namespace Intercom.Station.Runtime;

/// <summary>
/// Lets a few refusal records per interval through (log line and call-log event), so a flood of refused INVITEs
/// from an address the ban list trusts cannot turn into thousands of SQLite writes and log lines per second.
/// </summary>
internal sealed class RefusalRateLimiter(TimeProvider timeProvider, int recordsPerInterval, TimeSpan interval)
{
    private readonly object _gate = new();
    private long _windowStart;
    private bool _started;
    private int _count;
    private int _suppressed;

    /// <summary>True when this refusal may be recorded; <paramref name="suppressed"/> says how many were skipped before it.</summary>
    public bool TryAcquire(out int suppressed)
    {
        lock (_gate)
        {
            var now = timeProvider.GetTimestamp();
            if (!_started || timeProvider.GetElapsedTime(_windowStart, now) >= interval)
            {
                _started = true;
                _windowStart = now;
                _count = 0;
            }

            if (_count < recordsPerInterval)
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
