namespace Intercom.Audio.Engine;

/// <summary>
/// Paces devices that do not block (simulations, ALSA's file and null plugins) on the injected TimeProvider:
/// frame n is due at start + n × period. A periodic timer at half the period wakes the audio thread; whether a
/// frame is due is decided from the monotonic timestamp, so a wake-up that comes late or early never shifts the
/// schedule, and a fake clock advanced by N periods releases exactly N frames.
/// </summary>
/// <remarks>
/// Only simulated devices (and backoff waits while a card is gone) block here, on a semaphore the timer
/// releases; with a sound card the thread blocks in the driver instead and this timer is switched off.
/// </remarks>
internal sealed class FramePacer : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _period;
    private readonly int _maximumCatchUpFrames;
    private readonly SemaphoreSlim _wake = new(0, 2);
    private ITimer? _timer;
    private long _startTimestamp;
    private long _framesReleased;
    private volatile bool _stopping;
    private volatile bool _waiting;

    public FramePacer(TimeProvider timeProvider, TimeSpan period, int maximumCatchUpFrames)
    {
        _timeProvider = timeProvider;
        _period = period;
        _maximumCatchUpFrames = maximumCatchUpFrames;
    }

    /// <summary>True while the thread is blocked waiting for the clock (its deadline is fixed by then).</summary>
    internal bool IsWaiting => _waiting;

    /// <summary>Starts the wake-up timer and the schedule.</summary>
    public void Start()
    {
        var wakeInterval = _period / 2;
        _timer = _timeProvider.CreateTimer(static state => ((FramePacer)state!).Wake(), this, wakeInterval, wakeInterval);
        Restart();
    }

    /// <summary>
    /// Turns the wake-up timer on or off: a sound card paces the thread itself, so the timer only runs while the
    /// device is simulated or absent (backoff waits).
    /// </summary>
    public void SetTicking(bool ticking)
    {
        var wakeInterval = _period / 2;
        _ = _timer?.Change(ticking ? wakeInterval : Timeout.InfiniteTimeSpan, ticking ? wakeInterval : Timeout.InfiniteTimeSpan);
    }

    /// <summary>Starts the schedule afresh from now (after a device reopen).</summary>
    public void Restart()
    {
        _startTimestamp = _timeProvider.GetTimestamp();
        _framesReleased = 0;
    }

    /// <summary>Wakes a waiting <see cref="WaitForNextFrame"/> or <see cref="WaitFor"/> for good.</summary>
    public void Stop()
    {
        _stopping = true;
        Wake();
    }

    /// <summary>
    /// Blocks until the next frame is due. Returns the frames skipped because the thread fell more than the
    /// catch-up limit behind (they count as late), or -1 when stopped.
    /// </summary>
    public int WaitForNextFrame()
    {
        while (!_stopping)
        {
            var elapsed = _timeProvider.GetElapsedTime(_startTimestamp);
            var framesDue = (elapsed.Ticks / _period.Ticks) + 1;
            if (_framesReleased < framesDue)
            {
                var skipped = 0;
                var behind = framesDue - _framesReleased - 1;
                if (behind > _maximumCatchUpFrames)
                {
                    skipped = (int)Math.Min(behind, int.MaxValue);
                    _framesReleased = framesDue - 1;
                }

                _framesReleased++;
                return skipped;
            }

            BlockUntilWoken();
        }

        return -1;
    }

    /// <summary>Blocks for <paramref name="delay"/> of TimeProvider time; false when stopped.</summary>
    public bool WaitFor(TimeSpan delay)
    {
        var start = _timeProvider.GetTimestamp();
        while (!_stopping)
        {
            if (_timeProvider.GetElapsedTime(start) >= delay)
            {
                return true;
            }

            BlockUntilWoken();
        }

        return false;
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _wake.Dispose();
    }

    private void BlockUntilWoken()
    {
        _waiting = true;
        _wake.Wait();
        _waiting = false;
    }

    private void Wake()
    {
        // At most two pending wake-ups: the waiter recomputes from the clock, so more would only spin.
        if (_wake.CurrentCount < 2)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Raced with another wake-up; one pending is enough.
            }
            catch (ObjectDisposedException)
            {
                // A last timer tick after dispose.
            }
        }
    }
}
