using Intercom.Hardware.Inputs;

namespace Intercom.Hardware.Tests;

public sealed class InputDebouncerTests
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(30);
    private static readonly TimeSpan MinimumPress = TimeSpan.FromMilliseconds(80);

    private static (InputDebouncer Debouncer, List<bool> Changes, List<RejectedPressEventArgs> Rejected, Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock) Create()
    {
        var clock = TestClock.Create();
        var debouncer = new InputDebouncer(clock, Debounce, MinimumPress);
        var changes = new List<bool>();
        var rejected = new List<RejectedPressEventArgs>();
        debouncer.StateChanged += (_, args) => changes.Add(args.Active);
        debouncer.PressRejected += (_, args) => rejected.Add(args);
        return (debouncer, changes, rejected, clock);
    }

    private static void Bounce(InputDebouncer debouncer, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, bool settleActive, int edges)
    {
        // A contact bouncing every 1–3 ms before it settles.
        var level = settleActive;
        for (var i = 0; i < edges; i++)
        {
            level = !level;
            debouncer.OnRawLevel(level);
            clock.Advance(TimeSpan.FromMilliseconds(1 + (i % 3)));
        }

        debouncer.OnRawLevel(settleActive);
    }

    [Fact]
    public void OnRawLevel_BouncingPressAndRelease_GivesExactlyOnePress()
    {
        var (debouncer, changes, rejected, clock) = Create();

        Bounce(debouncer, clock, settleActive: true, edges: 7);
        clock.Advance(TimeSpan.FromMilliseconds(300));
        Bounce(debouncer, clock, settleActive: false, edges: 5);
        clock.Advance(TimeSpan.FromMilliseconds(300));

        Assert.Equal([true, false], changes);
        Assert.Empty(rejected);
        Assert.False(debouncer.IsActive);
    }

    [Fact]
    public void OnRawLevel_PressShorterThanMinimum_GivesNoPressAndReportsRejection()
    {
        var (debouncer, changes, rejected, clock) = Create();

        debouncer.OnRawLevel(true);
        clock.Advance(TimeSpan.FromMilliseconds(50));
        debouncer.OnRawLevel(false);
        clock.Advance(TimeSpan.FromMilliseconds(500));

        Assert.Empty(changes);
        var rejection = Assert.Single(rejected);
        Assert.Equal(TimeSpan.FromMilliseconds(50), rejection.HeldFor);
        Assert.Equal(2, rejection.EdgeCount);
    }

    [Fact]
    public void OnRawLevel_HeldExactlyMinimum_ActivatesAtMinimumNotBefore()
    {
        var (debouncer, changes, _, clock) = Create();

        debouncer.OnRawLevel(true);
        clock.Advance(MinimumPress - TimeSpan.FromMilliseconds(1));
        Assert.Empty(changes);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal([true], changes);
        Assert.True(debouncer.IsActive);
    }

    [Fact]
    public void OnRawLevel_ReleaseBounceWhileHeld_DoesNotReleaseOrRepress()
    {
        var (debouncer, changes, _, clock) = Create();
        debouncer.OnRawLevel(true);
        clock.Advance(TimeSpan.FromMilliseconds(100));

        // A 10 ms dropout (shorter than the debounce time) while the button is held.
        debouncer.OnRawLevel(false);
        clock.Advance(TimeSpan.FromMilliseconds(10));
        debouncer.OnRawLevel(true);
        clock.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Equal([true], changes);
    }

    [Fact]
    public void OnRawLevel_Release_ReportsHoldFromFirstEdge()
    {
        var (debouncer, _, _, clock) = Create();
        TimeSpan? heldFor = null;
        debouncer.StateChanged += (_, args) => heldFor = args.Active ? null : args.HeldFor;

        debouncer.OnRawLevel(true);
        clock.Advance(TimeSpan.FromMilliseconds(400));
        debouncer.OnRawLevel(false);
        clock.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(TimeSpan.FromMilliseconds(400), heldFor);
    }

    [Fact]
    public void OnRawLevel_TimerCallbacksRunLate_PressIsStillJudgedByEdgeTimes()
    {
        // A busy thread pool: the clock moves on but no timer callback has run yet when the button is released.
        var (debouncer, changes, rejected, clock) = Create();

        debouncer.OnRawLevel(true);
        clock.AdjustTime(clock.GetUtcNow() + TimeSpan.FromMilliseconds(200));
        debouncer.OnRawLevel(false);
        Assert.Equal([true], changes);

        clock.AdjustTime(clock.GetUtcNow() + TimeSpan.FromMilliseconds(100));
        debouncer.OnRawLevel(true);
        Assert.Equal([true, false], changes);
        Assert.Empty(rejected);
    }

    [Fact]
    public void OnRawLevel_RepeatedSameLevel_IsIgnored()
    {
        var (debouncer, changes, rejected, clock) = Create();

        debouncer.OnRawLevel(false);
        debouncer.OnRawLevel(false);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(changes);
        Assert.Empty(rejected);
    }

    [Fact]
    public void Constructor_MinimumPressShorterThanDebounce_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InputDebouncer(TestClock.Create(), MinimumPress, Debounce));
    }

    [Fact]
    public void OnTimer_TimerRunsAFewMillisecondsEarly_RearmsAndSettlesPressAndRelease()
    {
        var clock = new EarlyTimerClock();
        using var debouncer = new InputDebouncer(clock, Debounce, MinimumPress);
        var changes = new List<bool>();
        debouncer.StateChanged += (_, args) => changes.Add(args.Active);

        debouncer.OnRawLevel(true);
        clock.Fire(early: TimeSpan.FromMilliseconds(3));
        Assert.Empty(changes);
        clock.Fire(early: TimeSpan.Zero);
        Assert.Equal([true], changes);

        clock.Advance(TimeSpan.FromMilliseconds(100));
        debouncer.OnRawLevel(false);
        clock.Fire(early: TimeSpan.FromMilliseconds(3));
        Assert.True(debouncer.IsActive);
        clock.Fire(early: TimeSpan.Zero);

        Assert.Equal([true, false], changes);
        Assert.False(debouncer.IsActive);
    }
}
