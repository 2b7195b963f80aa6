namespace Intercom.Hardware.Tests;

/// <summary>
/// A clock with one timer that the test fires, early if it likes: system timers count on a coarse tick and may run a
/// few milliseconds before the high-resolution timestamp says their time has come.
/// </summary>
internal sealed class EarlyTimerClock : TimeProvider
{
    private TimerCallback? _callback;
    private object? _state;

    public long Now { get; private set; } = 1_000_000;

    /// <summary>When the timer is due, in <see cref="Now"/> ticks; null when it is not armed.</summary>
    public long? DueAt { get; private set; }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Now;

    public void Advance(TimeSpan time) => Now += time.Ticks;

    /// <summary>Runs the timer <paramref name="early"/> before it is due (zero: on time).</summary>
    public void Fire(TimeSpan early)
    {
        Assert.True(DueAt is not null, "the timer is not armed");
        Now = DueAt.Value - early.Ticks;
        DueAt = null;
        _callback!(_state);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _callback = callback;
        _state = state;
        var timer = new Timer(this);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class Timer(EarlyTimerClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock.Now + dueTime.Ticks;
            return true;
        }

        public void Dispose() => clock.DueAt = null;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
