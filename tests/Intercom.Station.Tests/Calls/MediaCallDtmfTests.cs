using System.Collections.Concurrent;
using Intercom.Media.Dtmf;
using Intercom.Sip.UserAgent;
using Intercom.Station.Calls;

namespace Intercom.Station.Tests.Calls;

/// <summary>DTMF through the glue: every transport in, one stream out with the source named; each send mode.</summary>
public sealed class MediaCallDtmfTests
{
    private static readonly TimeSpan Deadline = CallPair.Deadline;

    [Theory]
    [InlineData(DtmfMode.Auto, DtmfSource.Rfc4733)]
    [InlineData(DtmfMode.Rfc4733, DtmfSource.Rfc4733)]
    [InlineData(DtmfMode.Info, DtmfSource.SipInfo)]
    [InlineData(DtmfMode.InBand, DtmfSource.InBand)]
    public async Task SendDtmf_EachMode_DoorReceivesTheDigitsByThatTransport(DtmfMode mode, DtmfSource expected)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using CallPair pair = await CallPair.StartAsync(CallPair.Options(), CallPair.Options(o => o.DtmfMode = mode), ct);
        (MediaCall door, MediaCall phone) = await pair.ConnectAsync(ct);
        ConcurrentQueue<CallDtmfEventArgs> digits = Collect(door);
        using var doorEngine = new EngineStandIn(0);
        using var phoneEngine = new EngineStandIn(0);
        door.ConnectAudio(doorEngine.Pump);
        phone.ConnectAudio(phoneEngine.Pump);

        Task pumping = EngineStandIn.RunAsync([doorEngine, phoneEngine], Deadline, ct, until: () => digits.Count >= 3);
        foreach (char digit in "7#1")
        {
            Assert.True(await phone.SendDtmfAsync(digit).WaitAsync(Deadline, ct), $"{digit} not sent by {mode}");
        }

        await pumping;
        Assert.Equal("7#1", string.Concat(digits.Select(d => d.Digit)));
        Assert.All(digits, d => Assert.Equal(expected, d.Source));
        Assert.Equal(3, door.GetStatus().DigitsReceived);
    }

    [Fact]
    public async Task SipInfo_DtmfRelayAndDtmfBodies_DigitsFromBothAndOtherInfoIgnored()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using CallPair pair = await CallPair.StartAsync(CallPair.Options(), CallPair.Options(), ct);
        (MediaCall door, MediaCall phone) = await pair.ConnectAsync(ct);
        ConcurrentQueue<CallDtmfEventArgs> digits = Collect(door);

        SipResponseInfo relay = await phone.Sip.SendInfoAsync(SipBody.FromText("application/dtmf-relay", "Signal= 5\nDuration= 160\n")).WaitAsync(Deadline, ct);
        SipResponseInfo other = await phone.Sip.SendInfoAsync(SipBody.FromText("application/media_control+xml", "<media_control/>")).WaitAsync(Deadline, ct);
        SipResponseInfo plain = await phone.Sip.SendInfoAsync(SipBody.FromText("application/dtmf", "11")).WaitAsync(Deadline, ct);

        Assert.Equal([200, 200, 200], new[] { relay.StatusCode, other.StatusCode, plain.StatusCode });
        await Eventually(() => digits.Count >= 2, ct);
        Assert.Equal("5#", string.Concat(digits.Select(d => d.Digit)));
        Assert.All(digits, d => Assert.Equal(DtmfSource.SipInfo, d.Source));
    }

    [Fact]
    public async Task DtmfReceived_DigitsBeforeTheFirstSubscriber_DeliveredToItInOrder()
    {
        // Media may start (and a peer send its code) before the one who dialled has attached its handler.
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using CallPair pair = await CallPair.StartAsync(CallPair.Options(), CallPair.Options(), ct);
        (MediaCall door, MediaCall phone) = await pair.ConnectAsync(ct);

        foreach (string signal in new[] { "4", "2" })
        {
            SipResponseInfo sent = await phone.Sip.SendInfoAsync(SipBody.FromText("application/dtmf-relay", $"Signal={signal}\nDuration=160\n")).WaitAsync(Deadline, ct);
            Assert.Equal(200, sent.StatusCode);
        }

        await Eventually(() => door.GetStatus().DigitsReceived == 2, ct);
        ConcurrentQueue<CallDtmfEventArgs> first = Collect(door);
        ConcurrentQueue<CallDtmfEventArgs> second = Collect(door);

        Assert.Equal("42", string.Concat(first.Select(d => d.Digit)));
        Assert.Empty(second);
    }

    [Fact]
    public async Task SameDigitByRfc4733AndInfo_CountedOnce_NextDigitCounted()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using CallPair pair = await CallPair.StartAsync(CallPair.Options(), CallPair.Options(), ct);
        (MediaCall door, MediaCall phone) = await pair.ConnectAsync(ct);
        ConcurrentQueue<CallDtmfEventArgs> digits = Collect(door);
        using var doorEngine = new EngineStandIn(0);
        using var phoneEngine = new EngineStandIn(0);
        door.ConnectAudio(doorEngine.Pump);
        phone.ConnectAudio(phoneEngine.Pump);
        Task pumping = EngineStandIn.RunAsync([doorEngine, phoneEngine], TimeSpan.FromSeconds(1.5), ct);

        // A PBX that sends every key press both ways.
        Assert.True(await phone.SendDtmfAsync('5').WaitAsync(Deadline, ct));
        await phone.Sip.SendInfoAsync(SipBody.FromText("application/dtmf-relay", "Signal=5\r\nDuration=100\r\n")).WaitAsync(Deadline, ct);
        await Eventually(() => !digits.IsEmpty, ct);
        await phone.Sip.SendInfoAsync(SipBody.FromText("application/dtmf-relay", "Signal=6\r\nDuration=100\r\n")).WaitAsync(Deadline, ct);
        await pumping;

        Assert.Equal("56", string.Concat(digits.Select(d => d.Digit)));
    }

    private static ConcurrentQueue<CallDtmfEventArgs> Collect(MediaCall call)
    {
        var digits = new ConcurrentQueue<CallDtmfEventArgs>();
        call.DtmfReceived += (_, e) => digits.Enqueue(e);
        return digits;
    }

    private static async Task Eventually(Func<bool> condition, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Deadline, "the condition did not hold in time");
            await Task.Delay(10, cancellationToken);
        }
    }
}
