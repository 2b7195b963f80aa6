using Microsoft.Extensions.Time.Testing;

namespace Intercom.Hardware.Tests;

/// <summary>A fake clock that starts at an odd date, so hidden wall-clock use shows up.</summary>
internal static class TestClock
{
    public static FakeTimeProvider Create() => new(new DateTimeOffset(2031, 2, 3, 4, 5, 6, 789, TimeSpan.FromHours(5)));

    /// <summary>
    /// Advances in 10 ms steps, as real time passes: FakeTimeProvider.Advance fires every due timer at the end time,
    /// so one big step would show callbacks a later clock than they would see on a device.
    /// </summary>
    public static void AdvanceInSteps(this FakeTimeProvider clock, TimeSpan total)
    {
        var step = TimeSpan.FromMilliseconds(10);
        for (var passed = TimeSpan.Zero; passed < total; passed += step)
        {
            clock.Advance(total - passed < step ? total - passed : step);
        }
    }
}
