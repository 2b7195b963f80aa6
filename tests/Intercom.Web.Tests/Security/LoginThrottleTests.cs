using System.Net;
using Intercom.Web.Security;
using Microsoft.Extensions.Time.Testing;

namespace Intercom.Web.Tests.Security;

public sealed class LoginThrottleTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.10");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2031, 7, 13, 3, 17, 29, TimeSpan.Zero));

    [Fact]
    public void Failures_GetIncreasingDelaysThenLockout()
    {
        var throttle = new LoginThrottle(_time);

        var first = throttle.RecordFailure(Client);
        var second = throttle.RecordFailure(Client);
        var third = throttle.RecordFailure(Client);
        _time.Advance(TimeSpan.FromSeconds(1));
        var fourth = throttle.RecordFailure(Client);
        _time.Advance(TimeSpan.FromSeconds(2));
        var fifth = throttle.RecordFailure(Client);

        Assert.True(first.Allowed);
        Assert.True(second.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(1), third.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(2), fourth.RetryAfter);
        Assert.True(fifth.LockedOut);
        Assert.Equal(LoginThrottle.LockoutDuration, fifth.RetryAfter);
        _time.Advance(LoginThrottle.LockoutDuration - TimeSpan.FromSeconds(1));
        Assert.False(throttle.Check(Client).Allowed);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(throttle.Check(Client).Allowed);
        Assert.False(throttle.RecordFailure(Client).Allowed);
    }

    [Fact]
    public void Delay_WaitedOut_AllowsTheNextTry()
    {
        var throttle = new LoginThrottle(_time);
        for (var i = 0; i < 3; i++)
        {
            throttle.RecordFailure(Client);
        }

        Assert.False(throttle.Check(Client).Allowed);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(throttle.Check(Client).Allowed);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(throttle.Check(Client).Allowed);
    }

    [Fact]
    public void Success_ClearsItsAddressOnly()
    {
        var throttle = new LoginThrottle(_time);
        var other = IPAddress.Parse("192.0.2.11");
        for (var i = 0; i < 3; i++)
        {
            throttle.RecordFailure(Client);
            throttle.RecordFailure(other);
        }

        throttle.RecordSuccess(Client);

        Assert.True(throttle.Check(Client).Allowed);
        Assert.False(throttle.Check(other).Allowed);
    }

    [Fact]
    public void ManyAddresses_TripTheGlobalLockout()
    {
        var throttle = new LoginThrottle(_time);
        for (var i = 0; i < LoginThrottle.GlobalFailuresBeforeLockout; i++)
        {
            throttle.RecordFailure(IPAddress.Parse($"198.51.100.{i + 1}"));
        }

        var fresh = throttle.Check(IPAddress.Parse("203.0.113.5"));

        Assert.False(fresh.Allowed);
        Assert.True(fresh.LockedOut);
        _time.Advance(LoginThrottle.GlobalLockoutDuration);
        Assert.True(throttle.Check(IPAddress.Parse("203.0.113.5")).Allowed);
    }

    [Fact]
    public void MappedIpv4_CountsAsTheSameAddress()
    {
        var throttle = new LoginThrottle(_time);
        for (var i = 0; i < 3; i++)
        {
            throttle.RecordFailure(Client.MapToIPv6());
        }

        Assert.False(throttle.Check(Client).Allowed);
    }
}
