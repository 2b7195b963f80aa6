namespace Intercom.Station.Codes;

/// <summary>
/// Wrong door codes in a row, across calls, and the lockout they cause (PRODUCT.md: brute-forceable short codes
/// with no lockout were a real incident). Runs on the monotonic clock; a correct code resets the count, and so does
/// the end of a lockout. Written on the station loop; <see cref="Remaining"/> may be read from any thread.
/// </summary>
public sealed class CodeLockout
{
    private readonly TimeProvider _timeProvider;
    private long _lockedAtTimestamp;
    private long _durationTicks;

    /// <summary>Creates an open lockout on <paramref name="timeProvider"/>.</summary>
    public CodeLockout(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>Wrong codes in a row.</summary>
    public int WrongCodesInARow { get; private set; }

    /// <summary>Time left in the lockout; zero when codes are accepted.</summary>
    public TimeSpan Remaining
    {
        get
        {
            var duration = TimeSpan.FromTicks(Volatile.Read(ref _durationTicks));
            if (duration == TimeSpan.Zero)
            {
                return TimeSpan.Zero;
            }

            var left = duration - _timeProvider.GetElapsedTime(Volatile.Read(ref _lockedAtTimestamp));
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>True while codes are refused.</summary>
    public bool IsLockedOut
    {
        get
        {
            if (Remaining > TimeSpan.Zero)
            {
                return true;
            }

            if (Volatile.Read(ref _durationTicks) != 0)
            {
                // The lockout is over: the count starts again.
                Volatile.Write(ref _durationTicks, 0);
                WrongCodesInARow = 0;
            }

            return false;
        }
    }

    /// <summary>Counts a wrong code; true when this one started a lockout of <paramref name="duration"/>.</summary>
    public bool RecordWrong(int maximumWrongCodes, TimeSpan duration)
    {
        if (IsLockedOut)
        {
            return false;
        }

        WrongCodesInARow++;
        if (WrongCodesInARow < maximumWrongCodes)
        {
            return false;
        }

        Volatile.Write(ref _lockedAtTimestamp, _timeProvider.GetTimestamp());
        Volatile.Write(ref _durationTicks, duration.Ticks);
        return true;
    }

    /// <summary>A correct code: the count starts again.</summary>
    public void RecordCorrect() => WrongCodesInARow = 0;
}
