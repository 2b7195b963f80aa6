namespace Intercom.Audio.Engine;

/// <summary>
/// Delays between attempts to reopen a sound card that vanished (USB unplugged): doubling from the initial delay
/// up to the maximum, back to the initial delay after a success.
/// </summary>
internal sealed class ReopenBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _maximum;
    private TimeSpan _next;

    public ReopenBackoff(TimeSpan initial, TimeSpan maximum)
    {
        _initial = initial;
        _maximum = maximum;
        _next = initial;
    }

    /// <summary>The delay before the next attempt; doubles the one after.</summary>
    public TimeSpan Next()
    {
        var delay = _next;
        _next = _next * 2 > _maximum ? _maximum : _next * 2;
        return delay;
    }

    /// <summary>Back to the initial delay.</summary>
    public void Reset() => _next = _initial;
}
