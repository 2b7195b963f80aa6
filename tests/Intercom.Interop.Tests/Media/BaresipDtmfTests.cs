using System.Collections.Concurrent;
using Intercom.Interop.Tests.Peers;
using Intercom.Media.Codecs;
using Intercom.Media.Dtmf;
using Intercom.Sip.UserAgent;
using Intercom.Station.Calls;

namespace Intercom.Interop.Tests.Media;

/// <summary>DTMF between baresip and the call glue: RFC 4733 from baresip's keypad, and ours to baresip.</summary>
public sealed class BaresipDtmfTests(ITestOutputHelper output)
{
    [Fact]
    public async Task BaresipSendsCode_Rfc4733_GlueReportsEachDigitOnceWithItsSource()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using BaresipPeer baresip = await BaresipAudio.StartAsync("<sip:bob@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMU/8000/1", AudioCodec.Pcmu, ct);
        await using StationSide station = await StationSide.StartAsync(StationSide.Options([AudioCodec.Pcmu], null), ct);
        MediaCall call = await station.Calls.DialAsync(station.Agent, new SipCallRequest { Target = $"sip:bob@127.0.0.1:{baresip.SipPort}" }, ct);
        var digits = new ConcurrentQueue<CallDtmfEventArgs>();
        call.DtmfReceived += (_, e) => digits.Enqueue(e);
        Assert.True(await call.Answered.WaitAsync(StationSide.Deadline, ct));
        call.ConnectAudio(station.Pump);
        await baresip.WaitForEventAsync("CALL_ESTABLISHED", StationSide.Deadline, ct);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await baresip.CommandAsync("sndcode", "4711#", ct);
        await Eventually(() => digits.Count >= 5, ct);
        TimeSpan latency = clock.Elapsed;

        output.WriteLine($"baresip sndcode 4711# -> {string.Concat(digits.Select(d => d.Digit))} by {string.Join(',', digits.Select(d => d.Source).Distinct())} in {latency.TotalMilliseconds:0} ms");
        Assert.Equal("4711#", string.Concat(digits.Select(d => d.Digit)));
        Assert.All(digits, d => Assert.Equal(DtmfSource.Rfc4733, d.Source));
        Assert.Equal(5, call.GetStatus().DigitsReceived);
    }

    [Fact]
    public async Task WeSendDigits_Rfc4733_BaresipReceivesThem()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using BaresipPeer baresip = await BaresipAudio.StartAsync("<sip:bob@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMU/8000/1", AudioCodec.Pcmu, ct);
        await using StationSide station = await StationSide.StartAsync(StationSide.Options([AudioCodec.Pcmu], null), ct);
        MediaCall call = await station.Calls.DialAsync(station.Agent, new SipCallRequest { Target = $"sip:bob@127.0.0.1:{baresip.SipPort}" }, ct);
        Assert.True(await call.Answered.WaitAsync(StationSide.Deadline, ct));
        call.ConnectAudio(station.Pump);
        await baresip.WaitForEventAsync("CALL_ESTABLISHED", StationSide.Deadline, ct);

        foreach (char digit in "92*")
        {
            Assert.True(await call.SendDtmfAsync(digit));
        }

        // baresip reports each telephone-event it decodes as a CALL_DTMF_START event with the digit.
        var received = new List<string>();
        while (received.Count < 3)
        {
            System.Text.Json.JsonElement dtmf = await baresip.WaitForEventAsync("CALL_DTMF_START", StationSide.Deadline, ct);
            received.Add(dtmf.GetProperty("param").GetString() ?? "");
        }

        Assert.Equal(["9", "2", "*"], received);
    }

    private static async Task Eventually(Func<bool> condition, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < StationSide.Deadline, "the condition did not hold in time");
            await Task.Delay(10, cancellationToken);
        }
    }
}
