namespace Intercom.Hardware.Inputs;

/// <summary>
/// Turns raw edges of a contact into clean state changes, timed on an injected <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// One timer, restarted by every raw edge. An input becomes active once it has stayed active for the minimum press
/// duration since its last edge, and inactive once it has stayed inactive for the debounce time. So a bouncing
/// contact gives exactly one press, and a press shorter than the minimum gives none (reported as rejected, so
/// phantom rings can be traced). Unlike <c>Iot.Device.Button.GpioButton</c>, the first edge is not taken at face
/// value and no wall clock is read. Thread-safe: edges may arrive on the GPIO driver's thread; events are raised
/// after the lock is released.
/// </remarks>
public sealed class InputDebouncer : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _debounceTime;
    private readonly TimeSpan _minimumPressDuration;
    private readonly ITimer _timer;
    private bool _rawActive;
    private bool _stableActive;
    private long _lastEdgeTimestamp;
    private long _burstStartTimestamp;
    private int _burstEdgeCount;
    private bool _disposed;

    /// <summary>Creates a debouncer whose input starts in <paramref name="initiallyActive"/> without an event.</summary>
    public InputDebouncer(TimeProvider timeProvider, TimeSpan debounceTime, TimeSpan minimumPressDuration, bool initiallyActive = false)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(debounceTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumPressDuration, debounceTime);
        _timeProvider = timeProvider;
        _debounceTime = debounceTime;
        _minimumPressDuration = minimumPressDuration;
        _rawActive = initiallyActive;
        _stableActive = initiallyActive;
        _timer = timeProvider.CreateTimer(static state => ((InputDebouncer)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The debounced state.</summary>
    public bool IsActive
    {
        get
        {
            lock (_gate)
            {
                return _stableActive;
            }
        }
    }

    /// <summary>Raised when the debounced state changes.</summary>
    public event EventHandler<DebouncedStateChangedEventArgs>? StateChanged;

    /// <summary>Raised when activity settles without counting as a press.</summary>
    public event EventHandler<RejectedPressEventArgs>? PressRejected;

    /// <summary>Feeds one raw level (from an edge callback or a poll). Repeated equal levels are ignored.</summary>
    public void OnRawLevel(bool active)
    {
        DebouncedStateChangedEventArgs? changed = null;
        RejectedPressEventArgs? rejected = null;
        lock (_gate)
        {
            if (_disposed || active == _rawActive)
            {
                return;
            }

            var now = _timeProvider.GetTimestamp();

            // The level that ends now may have lasted long enough to count even if its timer has not run yet
            // (a busy thread pool): decide from the edge timestamps, not from when the callback happens to run.
            SettleLocked(now, ref changed, ref rejected);
            if (_burstEdgeCount == 0)
            {
                _burstStartTimestamp = now;
            }

            _burstEdgeCount++;
            _rawActive = active;
            _lastEdgeTimestamp = now;
            _timer.Change(active ? _minimumPressDuration : _debounceTime, Timeout.InfiniteTimeSpan);
        }

        Raise(changed, rejected);
    }

    private void OnTimer()
    {
        DebouncedStateChangedEventArgs? changed = null;
        RejectedPressEventArgs? rejected = null;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            SettleLocked(_timeProvider.GetTimestamp(), ref changed, ref rejected);
        }

        Raise(changed, rejected);
    }

    /// <summary>
    /// If the raw level has held for its required time as of <paramref name="now"/>, makes it the stable state
    /// (or, for activity that settled back to inactive without counting, reports the rejected burst).
    /// </summary>
    private void SettleLocked(long now, ref DebouncedStateChangedEventArgs? changed, ref RejectedPressEventArgs? rejected)
    {
        var required = _rawActive ? _minimumPressDuration : _debounceTime;
        if (_burstEdgeCount == 0)
        {
            return;
        }

        var elapsed = _timeProvider.GetElapsedTime(_lastEdgeTimestamp, now);
        if (elapsed < required)
        {
            // Too early: a callback that raced with a newer edge, or a timer that ran ahead of the timestamp clock
            // (system timers count on a coarse tick, up to a few milliseconds ahead of Stopwatch). Wait out the rest,
            // or a released button would stay pressed until its next edge.
            _timer.Change(required - elapsed, Timeout.InfiniteTimeSpan);
            return;
        }

        if (_rawActive != _stableActive)
        {
            _stableActive = _rawActive;
            var heldFor = _stableActive ? TimeSpan.Zero : _timeProvider.GetElapsedTime(_burstStartTimestamp, _lastEdgeTimestamp);
            changed = new DebouncedStateChangedEventArgs(_stableActive, heldFor);
        }
        else if (!_rawActive)
        {
            rejected = new RejectedPressEventArgs(_timeProvider.GetElapsedTime(_burstStartTimestamp, _lastEdgeTimestamp), _burstEdgeCount);
        }

        // A burst ends when the input settles inactive; while active it keeps its start so a release reports the hold.
        if (!_stableActive)
        {
            _burstEdgeCount = 0;
        }
    }

    private void Raise(DebouncedStateChangedEventArgs? changed, RejectedPressEventArgs? rejected)
    {
        if (changed is not null)
        {
            StateChanged?.Invoke(this, changed);
        }

        if (rejected is not null)
        {
            PressRejected?.Invoke(this, rejected);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }
}
