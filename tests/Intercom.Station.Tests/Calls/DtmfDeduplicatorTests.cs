using Intercom.Media.Dtmf;
using Intercom.Station.Calls;
using Microsoft.Extensions.Time.Testing;

namespace Intercom.Station.Tests.Calls;

public sealed class DtmfDeduplicatorTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2029, 2, 3, 4, 5, 6, TimeSpan.Zero));

    [Fact]
    public void Accept_SameDigitTwiceByOneTransport_BothArePresses()
    {
        var merger = new DtmfDeduplicator(_clock, TimeSpan.FromSeconds(1));

        Assert.True(merger.Accept('5', DtmfSource.Rfc4733));
        _clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.True(merger.Accept('5', DtmfSource.Rfc4733));
    }

    [Fact]
    public void Accept_CopyByAnotherTransportAfterTheNextDigit_Dropped()
    {
        var merger = new DtmfDeduplicator(_clock, TimeSpan.FromSeconds(1));

        Assert.True(merger.Accept('5', DtmfSource.SipInfo));
        _clock.Advance(TimeSpan.FromMilliseconds(20));
        Assert.True(merger.Accept('6', DtmfSource.SipInfo));
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.False(merger.Accept('5', DtmfSource.Rfc4733));
        Assert.False(merger.Accept('6', DtmfSource.Rfc4733));
    }

    [Fact]
    public void Accept_RepeatedKeySentBothWaysInAnyOrder_EachPressOnce()
    {
        var merger = new DtmfDeduplicator(_clock, TimeSpan.FromSeconds(1));
        var accepted = new List<char>();

        void Deliver(char digit, DtmfSource source, int afterMilliseconds)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(afterMilliseconds));
            if (merger.Accept(digit, source))
            {
                accepted.Add(digit);
            }
        }

        Deliver('5', DtmfSource.SipInfo, 0);
        Deliver('5', DtmfSource.Rfc4733, 40);
        Deliver('5', DtmfSource.Rfc4733, 250);
        Deliver('5', DtmfSource.SipInfo, 10);
        Deliver('5', DtmfSource.SipInfo, 250);
        Deliver('5', DtmfSource.Rfc4733, 60);

        Assert.Equal("555", string.Concat(accepted));
    }

    [Fact]
    public void Accept_CopyAfterTheWindow_CountsAsANewPress()
    {
        var merger = new DtmfDeduplicator(_clock, TimeSpan.FromSeconds(1));

        Assert.True(merger.Accept('#', DtmfSource.InBand));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(merger.Accept('#', DtmfSource.SipInfo));
    }
}
