namespace Intercom.Integration.Mqtt;

/// <summary>
/// Exponential backoff with jitter for reconnecting: the delay doubles from the minimum up to the maximum, and each
/// delay is drawn from its upper half ("equal jitter") so that many stations do not reconnect in step after a broker
/// restart.
/// </summary>
public sealed class ReconnectBackoff
{
    private readonly TimeSpan _minimum;
    private readonly TimeSpan _maximum;
    private readonly Random _random;
    private int _failures;

    /// <summary>Creates the backoff; <paramref name="random"/> is for tests (null for a shared one).</summary>
    public ReconnectBackoff(TimeSpan minimum, TimeSpan maximum, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(minimum, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, minimum);
        _minimum = minimum;
        _maximum = maximum;
        _random = random ?? Random.Shared;
    }

    /// <summary>Failures in a row since the last <see cref="Reset"/>.</summary>
    public int Failures => _failures;

    /// <summary>The delay before the next attempt; counts a failure.</summary>
    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures, 30);
        _failures++;
        var ceiling = Math.Min(_maximum.TotalMilliseconds, _minimum.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling / 2 + (_random.NextDouble() * ceiling / 2));
    }

    /// <summary>A connection succeeded: start from the minimum again.</summary>
    public void Reset() => _failures = 0;
}
