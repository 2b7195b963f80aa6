using System.Net;
using Intercom.Sip.Configuration;
using Intercom.Sip.Diagnostics;
using Intercom.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Intercom.Sip.Tests.Transport;

/// <summary>The per-source ban list and rate limit on a fake clock.</summary>
public sealed class SipBanListTests : IDisposable
{
    private static readonly IPAddress Scanner = IPAddress.Parse("192.0.2.66");
    private static readonly IPAddress Neighbour = IPAddress.Parse("192.0.2.7");

    // An odd start date, so hidden wall-clock use would show.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2031, 2, 3, 4, 5, 6, TimeSpan.Zero));
    private readonly SipMetrics _metrics = new();

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public void RecordFailure_BelowLimit_NotBanned()
    {
        SipBanList list = Create(new SipBanListOptions { FailureLimit = 5 });

        for (int i = 0; i < 4; i++)
        {
            Assert.False(list.RecordFailure(Scanner, "403"));
        }

        Assert.False(list.IsBanned(Scanner));
        Assert.Equal(0, list.BannedCount);
    }

    [Fact]
    public void RecordFailure_AtLimit_BannedForBanDurationOnly()
    {
        SipBanList list = Create(new SipBanListOptions { FailureLimit = 5, BanDuration = TimeSpan.FromMinutes(10) });

        for (int i = 0; i < 4; i++)
        {
            list.RecordFailure(Scanner, "403");
        }

        Assert.True(list.RecordFailure(Scanner, "403"));
        Assert.True(list.IsBanned(Scanner));
        Assert.False(list.IsBanned(Neighbour));
        Assert.Equal(1, _metrics.BannedTotal);

        _clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));
        Assert.True(list.IsBanned(Scanner));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(list.IsBanned(Scanner));
        Assert.Equal(0, list.BannedCount);
    }

    [Fact]
    public void RecordFailure_AfterBanExpired_CountsFromZeroAgain()
    {
        SipBanList list = Create(new SipBanListOptions { FailureLimit = 3, BanDuration = TimeSpan.FromMinutes(1) });
        for (int i = 0; i < 3; i++)
        {
            list.RecordFailure(Scanner, "405");
        }

        _clock.Advance(TimeSpan.FromMinutes(2));

        Assert.False(list.RecordFailure(Scanner, "405"));
        Assert.False(list.IsBanned(Scanner));
    }

    [Fact]
    public void RecordFailure_SpreadBeyondWindow_NeverBanned()
    {
        SipBanList list = Create(new SipBanListOptions { FailureLimit = 3, FailureWindow = TimeSpan.FromSeconds(60) });

        for (int i = 0; i < 20; i++)
        {
            Assert.False(list.RecordFailure(Scanner, "403"));
            _clock.Advance(TimeSpan.FromSeconds(31));
        }

        Assert.False(list.IsBanned(Scanner));
    }

    [Fact]
    public void RecordFailure_ConfiguredTrustedAddress_NeverBanned()
    {
        var options = new SipBanListOptions { FailureLimit = 2 };
        options.TrustedAddresses.Add(Scanner.ToString());
        SipBanList list = Create(options);

        for (int i = 0; i < 10; i++)
        {
            Assert.False(list.RecordFailure(Scanner, "403"));
            Assert.True(list.TryAdmitRequest(Scanner));
        }

        Assert.False(list.IsBanned(Scanner));
    }

    [Fact]
    public void RecordFailure_TrustedPeerCallback_NeverBannedOthersAre()
    {
        SipBanList list = Create(new SipBanListOptions { FailureLimit = 2 }, address => address.Equals(Neighbour));

        for (int i = 0; i < 5; i++)
        {
            list.RecordFailure(Neighbour, "481");
            list.RecordFailure(Scanner, "481");
        }

        Assert.False(list.IsBanned(Neighbour));
        Assert.True(list.IsBanned(Scanner));
    }

    [Fact]
    public void IsBanned_Ipv4MappedAddress_SameSourceAsIpv4()
    {
        SipBanList list = Create(new SipBanListOptions { FailureLimit = 2 });

        list.RecordFailure(Scanner.MapToIPv6(), "403");
        list.RecordFailure(Scanner, "403");

        Assert.True(list.IsBanned(Scanner));
        Assert.True(list.IsBanned(Scanner.MapToIPv6()));
    }

    [Fact]
    public void TryAdmitRequest_BurstThenRate_ExcessRefusedAndRefilled()
    {
        SipBanList list = Create(new SipBanListOptions { RequestsPerSecond = 10, RequestBurst = 30, FailureLimit = 1000 });

        for (int i = 0; i < 30; i++)
        {
            Assert.True(list.TryAdmitRequest(Scanner), $"request {i} of the burst");
        }

        Assert.False(list.TryAdmitRequest(Scanner));
        Assert.True(list.TryAdmitRequest(Neighbour));
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        int admitted = 0;
        for (int i = 0; i < 20; i++)
        {
            admitted += list.TryAdmitRequest(Scanner) ? 1 : 0;
        }

        Assert.Equal(5, admitted);
        Assert.Equal(16, _metrics.RateLimitedTotal);
    }

    [Fact]
    public void TryAdmitRequest_SustainedFlood_EndsInBan()
    {
        SipBanList list = Create(new SipBanListOptions { RequestsPerSecond = 20, RequestBurst = 60, FailureLimit = 10 });

        // 2,000 requests per second for one second, a millisecond apart.
        for (int i = 0; i < 2000; i++)
        {
            if (!list.IsBanned(Scanner))
            {
                list.TryAdmitRequest(Scanner);
            }

            _clock.Advance(TimeSpan.FromMilliseconds(0.5));
        }

        Assert.True(list.IsBanned(Scanner));
        Assert.Equal(10, _metrics.RateLimitedTotal);
    }

    [Fact]
    public void Disabled_NeverLimitsNorBans()
    {
        SipBanList list = Create(new SipBanListOptions { Enabled = false, FailureLimit = 1, RequestsPerSecond = 1, RequestBurst = 1 });

        for (int i = 0; i < 100; i++)
        {
            Assert.True(list.TryAdmitRequest(Scanner));
            Assert.False(list.RecordFailure(Scanner, "403"));
        }

        Assert.False(list.IsBanned(Scanner));
    }

    [Fact]
    public void Track_ManySources_BoundedAndBansKeptOverQuietSources()
    {
        SipBanList list = Create(new SipBanListOptions { FailureLimit = 1, MaximumTrackedSources = 16 });
        list.RecordFailure(Scanner, "403");

        // A spoofed-source flood: 10,000 addresses, each sending one request.
        for (int i = 0; i < 10_000; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(1));
            list.TryAdmitRequest(new IPAddress([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i]));
        }

        Assert.InRange(list.TrackedCount, 1, 16);
        Assert.True(list.IsBanned(Scanner));
    }

    [Fact]
    public void Validate_OutOfRangeValues_NameTheField()
    {
        var options = new SipBanListOptions { FailureLimit = 0, BanDuration = TimeSpan.Zero, RequestsPerSecond = 50, RequestBurst = 10, MaximumTrackedSources = 1 };
        options.TrustedAddresses.Add("pbx.local");

        IReadOnlyList<string> errors = options.Validate();

        Assert.Contains(errors, e => e.StartsWith("FailureLimit:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("BanDuration:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("RequestBurst:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("MaximumTrackedSources:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("TrustedAddresses:", StringComparison.Ordinal) && e.Contains("pbx.local", StringComparison.Ordinal));
        Assert.Empty(new SipBanListOptions().Validate());
    }

    private SipBanList Create(SipBanListOptions options, Func<IPAddress, bool>? trusted = null) =>
        new(options, _clock, _metrics, NullLogger.Instance, trusted);
}
