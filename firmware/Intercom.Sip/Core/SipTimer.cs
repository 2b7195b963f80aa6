namespace Intercom.Sip.Core;

/// <summary>
/// A one-shot timer from the injected <see cref="TimeProvider"/> whose callback runs on the stack loop.
/// Cancelling it guarantees the callback will not run afterwards, even if it was already queued.
/// </summary>
internal sealed class SipTimer : IDisposable
{
    private readonly ITimer _timer;
    private readonly SipEventLoop _loop;
    private readonly Action _callback;
    private bool _cancelled;

    private SipTimer(TimeProvider timeProvider, SipEventLoop loop, TimeSpan due, Action callback)
    {
        _loop = loop;
        _callback = callback;
        _timer = timeProvider.CreateTimer(static state => ((SipTimer)state!).Fire(), this, due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Starts a timer.</summary>
    public static SipTimer Start(TimeProvider timeProvider, SipEventLoop loop, TimeSpan due, Action callback) =>
        new(timeProvider, loop, due < TimeSpan.Zero ? TimeSpan.Zero : due, callback);

    /// <summary>Stops the timer; must be called on the loop.</summary>
    public void Dispose()
    {
        _cancelled = true;
        _timer.Dispose();
    }

    private void Fire() => _loop.Post(() =>
    {
        if (!_cancelled)
        {
            _cancelled = true;
            _callback();
        }
    });
}
