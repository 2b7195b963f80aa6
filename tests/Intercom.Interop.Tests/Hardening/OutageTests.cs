using System.Diagnostics;
using System.Globalization;
using Intercom.Interop.Tests.Peers;
using Intercom.Interop.Tests.Station;
using Intercom.Station.Adapters;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;
using Intercom.Station.Journal;

namespace Intercom.Interop.Tests.Hardening;

/// <summary>
/// The peer frozen during a call: baresip is stopped with SIGSTOP (no RTP, RTCP or SIP either way) and thawed with
/// SIGCONT. With a 5 s RTP timeout the call ends cleanly as an RTP timeout, the station is idle again, and the BYE
/// sent while baresip was frozen reaches it once thawed. A network outage and packet loss on the media path (SIP
/// still up) are in <see cref="NetworkImpairmentTests"/>.
/// </summary>
public sealed class OutageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PeerFrozen_RtpTimeout5s_CallEndsCleanlyAsRtpTimeout()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using BaresipPeer bob = await BaresipPeer.StartAsync("<sip:bob@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMA", 60, ct);
        await using StationUnderTest station = await StartStationAsync(bob, TimeSpan.FromSeconds(5), ct);
        await TalkAsync(station, ct);

        var clock = Stopwatch.StartNew();
        await SignalAsync(bob, "STOP", ct);
        try
        {
            await Poll.UntilAsync(() => station.Runtime.Station.Status.State == StationState.Idle, Deadline, "the RTP timeout to end the call", ct);
            TimeSpan endedAfter = clock.Elapsed;
            Assert.InRange(endedAfter, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(10));
        }
        finally
        {
            await SignalAsync(bob, "CONT", ct);
        }

        await Poll.UntilAsync(() => station.Runtime.Log.QueryCalls(new CallLogQuery()).Total == 1, Deadline, "the call record", ct);
        CallRecord record = station.Runtime.Log.QueryCalls(new CallLogQuery()).Items[0];
        Assert.Equal(CallEndReason.MediaFailure, record.EndReason);
        Assert.Equal(0, station.Runtime.Agent.CallCount);

        // Thawed, baresip gets the station's BYE (sent while it was frozen, retransmitted) and closes its side too.
        await bob.WaitForEventAsync("CALL_CLOSED", Deadline, ct);
    }

    private static async Task<StationUnderTest> StartStationAsync(BaresipPeer bob, TimeSpan rtpTimeout, CancellationToken ct)
    {
        IntercomOptions options = StationUnderTest.Options(StationUnderTest.Plan(CallPlanMode.Parallel, new CallTargetOptions { Target = $"sip:bob@127.0.0.1:{bob.SipPort}" }));
        options.Media.RtpTimeout = rtpTimeout;
        options.Station.MaximumCallTime = TimeSpan.FromMinutes(5);
        return await StationUnderTest.StartAsync(options, cancellationToken: ct);
    }

    private static async Task<SipCallLeg> TalkAsync(StationUnderTest station, CancellationToken ct)
    {
        SipCallLeg? leg = null;
        station.Runtime.Dialer.LegCreated += (_, created) => leg = created;
        station.Press();
        await Poll.UntilAsync(() => station.Runtime.Station.Status.State == StationState.Talking, Deadline, "talking", ct);
        await Poll.UntilAsync(() => leg?.Call?.GetStatus() is { PacketsReceived: > 25 }, Deadline, "RTP from bob", ct);
        return leg!;
    }

    private static async Task SignalAsync(BaresipPeer peer, string signal, CancellationToken ct)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, peer.Process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(5), ct);
        Assert.Equal(0, kill.ExitCode);
    }
}
