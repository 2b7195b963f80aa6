using Intercom.Sip.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Intercom.Station.Tests;

/// <summary>Refused INVITEs are recorded at a bounded rate, with the count of the skipped ones.</summary>
public sealed class RefusalRateLimiterTests
{
    [Fact]
    public void TryAcquire_FloodWithinInterval_OnlyLimitPassesThenCountsSkipped()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 7, 8, 9, 10, 11, TimeSpan.Zero));
        var limiter = new SipLogRateLimiter(clock, 20, TimeSpan.FromMinutes(1));

        var passed = 0;
        for (var i = 0; i < 2000; i++)
        {
            passed += limiter.TryAcquire(out _) ? 1 : 0;
        }

        Assert.Equal(20, passed);
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(limiter.TryAcquire(out _));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryAcquire(out var suppressed));
        Assert.Equal(1981, suppressed);
        Assert.True(limiter.TryAcquire(out suppressed));
        Assert.Equal(0, suppressed);
    }
}
