using System.Diagnostics;
using System.Globalization;
using System.Net;
using Intercom.Interop.Tests.Peers;
using Intercom.Interop.Tests.Station;
using Intercom.Media.Session;
using Intercom.Station.Adapters;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;
using Intercom.Station.Journal;
using Intercom.Tools.Impair;

namespace Intercom.Interop.Tests.Hardening;

/// <summary>
/// Issue 9 "Faults" on the network path of a real call: the door station calls baresip with PCMA and SRTP
/// (AES_CM_128_HMAC_SHA1_80), and the media runs through impairment relays (<see cref="ImpairedMediaPath"/>) that
/// cut the network for 10 s or lose 20 % of the datagrams each way. SIP is not impaired. baresip records what it
/// decodes, so what it heard of the station's 440 Hz tone is measured (<see cref="ToneShare"/>). Figures go to the
/// test output and to <c>INTERCOM_HARDENING_REPORT</c> when set.
/// </summary>
public sealed class NetworkImpairmentTests
{
    private const string Suite = "AES_CM_128_HMAC_SHA1_80";
    private const double ToneHz = 440;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task NetworkOutage10s_DefaultRtpTimeout_CallSurvivesAndBaresipHearsUsAfterwards()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using BaresipPeer bob = await StartBaresipAsync(ct);
        using ImpairedMediaPath path = ImpairedMediaPath.Start(seed: 7);
        await using StationUnderTest station = await StartStationAsync(bob, path, TimeSpan.FromSeconds(30), ct);
        SipCallLeg leg = await TalkThroughRelayAsync(station, path, ct);

        long receivedBefore = Received(leg);
        long forwardBefore = path.Rtp.Forward.Interrupted;
        long backwardBefore = path.Rtp.Backward.Interrupted;
        var clock = Stopwatch.StartNew();
        path.Interrupt(Outage);

        // Watch the outage rather than sleep through it: nothing arrives and the call stays up.
        while (clock.Elapsed < Outage)
        {
            Assert.Equal(StationState.Talking, station.Runtime.Station.Status.State);
            await Task.Delay(100, ct);
        }

        long receivedInOutage = Received(leg) - receivedBefore;
        long droppedToStation = path.Rtp.Forward.Interrupted - forwardBefore;
        long droppedToPeer = path.Rtp.Backward.Interrupted - backwardBefore;
        long sentToPeerBefore = path.Rtp.Backward.Forwarded;
        long afterOutage = Received(leg);
        await Poll.UntilAsync(() => Received(leg) > afterOutage, Deadline, "RTP after the outage", ct);
        TimeSpan rtpBack = clock.Elapsed - Outage;
        await Poll.UntilAsync(() => path.Rtp.Backward.Forwarded > sentToPeerBefore + 25, Deadline, "our RTP to baresip after the outage", ct);

        // Three seconds of talk after the outage, then baresip hangs up; it heard our tone in them.
        await Poll.UntilAsync(() => Received(leg) > afterOutage + 150, Deadline, "3 s of RTP after the outage", ct);
        Assert.Equal(StationState.Talking, station.Runtime.Station.Status.State);
        MediaSessionStatistics media = leg.Call!.GetStatus().Media!;
        await bob.CommandAsync("hangup", cancellationToken: ct);
        await Poll.UntilAsync(() => station.Runtime.Station.Status.State == StationState.Idle, Deadline, "the call to end", ct);
        await bob.WaitForEventAsync("CALL_CLOSED", Deadline, ct);
        ToneShare heard = HeardByBaresip(bob, TimeSpan.FromSeconds(2));

        await ReportAsync($"network outage 10 s, RTP timeout 30 s: dropped {droppedToStation} RTP to the station and {droppedToPeer} to baresip " +
            $"(RTCP {path.Rtcp.Forward.Interrupted}/{path.Rtcp.Backward.Interrupted}), received {receivedInOutage} during it, RTP back {rtpBack.TotalMilliseconds:0} ms after it ended; " +
            $"RTCP to {media.RemoteRtcpEndPoint}; baresip heard afterwards: {heard}; {path}", ct);
        // A few may have been on their way when the relay cut (up to half a second on a loaded machine).
        Assert.InRange(receivedInOutage, 0, 25);
        Assert.True(droppedToStation >= 300, $"dropped {droppedToStation} RTP packets towards the station in 10 s; {path}");
        Assert.True(droppedToPeer >= 300, $"dropped {droppedToPeer} RTP packets towards baresip in 10 s; {path}");
        Assert.InRange(rtpBack, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        Assert.True(heard.Share >= 0.8, $"baresip heard our tone after the outage: {heard}");
    }

    [Fact]
    public async Task NetworkOutage10s_RtpTimeout5s_CallEndsCleanlyAsMediaFailure()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using BaresipPeer bob = await StartBaresipAsync(ct);
        using ImpairedMediaPath path = ImpairedMediaPath.Start(seed: 11);
        await using StationUnderTest station = await StartStationAsync(bob, path, TimeSpan.FromSeconds(5), ct);
        await TalkThroughRelayAsync(station, path, ct);

        var clock = Stopwatch.StartNew();
        path.Interrupt(Outage);
        await Poll.UntilAsync(() => station.Runtime.Station.Status.State == StationState.Idle, Deadline, "the RTP timeout to end the call", ct);
        TimeSpan endedAfter = clock.Elapsed;

        // SIP is not cut: the BYE reaches baresip during the outage.
        await bob.WaitForEventAsync("CALL_CLOSED", Deadline, ct);
        TimeSpan byeAfter = clock.Elapsed;
        await Poll.UntilAsync(() => station.Runtime.Log.QueryCalls(new CallLogQuery()).Total == 1, Deadline, "the call record", ct);
        CallRecord record = station.Runtime.Log.QueryCalls(new CallLogQuery()).Items[0];

        await ReportAsync($"network outage 10 s, RTP timeout 5 s: station idle {endedAfter.TotalMilliseconds:0} ms into the outage, baresip closed {byeAfter.TotalMilliseconds:0} ms, end reason {record.EndReason}; {path}", ct);
        Assert.InRange(endedAfter, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(9));
        Assert.True(byeAfter < Outage, $"baresip closed the call {byeAfter} into the outage");
        Assert.Equal(CallEndReason.MediaFailure, record.EndReason);
        Assert.Equal(0, station.Runtime.Agent.CallCount);
    }

    [Fact]
    public async Task RandomLoss20Percent_BothWays_CallContinuesConcealedAndToneHeard()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var recordings = new TempDirectory("impaired-");
        string speakerPath = recordings.File("station-speaker.wav");
        await using BaresipPeer bob = await StartBaresipAsync(ct);
        using ImpairedMediaPath path = ImpairedMediaPath.Start(seed: 13);
        StationUnderTest station = await StartStationAsync(bob, path, TimeSpan.FromSeconds(30), ct, speakerPath);
        bool stationDisposed = false;
        try
        {
            SipCallLeg leg = await TalkThroughRelayAsync(station, path, ct);

            MediaSessionStatistics before = leg.Call!.GetStatus().Media!;
            long offeredBefore = path.Rtp.Forward.Received;
            long droppedBefore = path.Rtp.Forward.Dropped;
            long toPeerBefore = path.Rtp.Backward.Received;
            long toPeerDroppedBefore = path.Rtp.Backward.Dropped;
            path.Impair(new ImpairmentProfile { Loss = 0.2 });
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(8))
            {
                Assert.Equal(StationState.Talking, station.Runtime.Station.Status.State);
                await Task.Delay(100, ct);
            }

            long offered = path.Rtp.Forward.Received - offeredBefore;
            long dropped = path.Rtp.Forward.Dropped - droppedBefore;
            long toPeer = path.Rtp.Backward.Received - toPeerBefore;
            long toPeerDropped = path.Rtp.Backward.Dropped - toPeerDroppedBefore;
            MediaSessionStatistics after = leg.Call!.GetStatus().Media!;
            long received = after.PacketsReceived - before.PacketsReceived;
            long lost = after.JitterBuffer.LostPackets - before.JitterBuffer.LostPackets;
            long concealed = after.JitterBuffer.ConcealedFrames - before.JitterBuffer.ConcealedFrames;
            await bob.CommandAsync("hangup", cancellationToken: ct);
            await Poll.UntilAsync(() => station.Runtime.Station.Status.State == StationState.Idle, Deadline, "the call to end", ct);
            await bob.WaitForEventAsync("CALL_CLOSED", Deadline, ct);

            // The station's loudspeaker file is complete once the station is disposed.
            await station.DisposeAsync();
            stationDisposed = true;
            ToneShare heard = HeardByBaresip(bob, TimeSpan.FromSeconds(6));
            (short[] played, int playedRate) = WaveFiles.ReadFirstChannel(speakerPath);
            ToneShare weHeard = ToneShare.Measure(ToneShare.BeforeToneEnds(played, playedRate, ToneHz, TimeSpan.FromSeconds(6), TimeSpan.FromMilliseconds(300)), playedRate, ToneHz);
            double share = offered == 0 ? 0 : (double)received / offered;

            await ReportAsync($"20 % loss both ways for 8 s: baresip sent {offered} RTP, relay dropped {dropped}, station received {received} ({share:P1}); " +
                $"jitter buffer lost {lost}, concealed {concealed} frames; station played under loss: {weHeard}; station sent {toPeer}, relay dropped {toPeerDropped} ({(toPeer == 0 ? 0 : (double)toPeerDropped / toPeer):P1}); " +
                $"baresip heard under loss: {heard}; {path}", ct);
            Assert.True(offered >= 250, $"baresip sent only {offered} RTP packets in 8 s");
            Assert.InRange(share, 0.7, 0.9);
            Assert.InRange(toPeerDropped, (long)(toPeer * 0.1), (long)(toPeer * 0.3));
            Assert.True(lost >= dropped / 2, $"the jitter buffer saw {lost} of {dropped} dropped packets missing");
            Assert.True(concealed >= lost / 2, $"concealed {concealed} frames for {lost} lost packets of 20 ms");
            Assert.True(weHeard.Share >= 0.6, $"the station played baresip's tone under 20 % loss: {weHeard}");
            Assert.True(weHeard.LongestSilence < TimeSpan.FromSeconds(0.5), $"the station played baresip's tone under 20 % loss: {weHeard}");
            Assert.True(heard.Share >= 0.6, $"baresip heard our tone under 20 % loss: {heard}");
            Assert.True(heard.LongestSilence < TimeSpan.FromSeconds(1), $"baresip heard our tone under 20 % loss: {heard}");
        }
        finally
        {
            if (!stationDisposed)
            {
                await station.DisposeAsync();
            }
        }
    }

    private static long Received(SipCallLeg leg) => leg.Call!.GetStatus().PacketsReceived;

    private static Task<BaresipPeer> StartBaresipAsync(CancellationToken ct)
    {
        // A minute of 440 Hz at 8 kHz as baresip's microphone (aufile ends the call at the end of the file), and the
        // srtp and sndfile modules.
        var tone = new short[8000 * 60];
        for (int i = 0; i < tone.Length; i++)
        {
            tone[i] = (short)(8000 * Math.Sin(2 * Math.PI * ToneHz * i / 8000));
        }

        return BaresipPeer.StartAsync("<sip:bob@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMA;mediaenc=srtp", new BaresipMedia(tone, 8000), ct);
    }

    private static async Task<StationUnderTest> StartStationAsync(BaresipPeer bob, ImpairedMediaPath path, TimeSpan rtpTimeout, CancellationToken ct, string? speakerPath = null)
    {
        IntercomOptions options = StationUnderTest.Options(StationUnderTest.Plan(CallPlanMode.Parallel, new CallTargetOptions { Target = $"sip:bob@127.0.0.1:{bob.SipPort}" }));
        options.Media.Codecs = [Intercom.Media.Codecs.AudioCodec.Pcma];
        options.Media.Srtp = Intercom.Media.Sdp.SrtpPolicy.Optional;
        options.Media.SrtpSuites = [Suite];
        options.Media.RtpTimeout = rtpTimeout;
        path.Configure(options.Media);
        options.Station.MaximumCallTime = TimeSpan.FromMinutes(5);
        options.Audio.SimulatedSpeakerWavePath = speakerPath;
        return await StationUnderTest.StartAsync(options, cancellationToken: ct);
    }

    /// <summary>Presses the button; returns once both sides' RTP and RTCP go through the relays.</summary>
    private static async Task<SipCallLeg> TalkThroughRelayAsync(StationUnderTest station, ImpairedMediaPath path, CancellationToken ct)
    {
        SipCallLeg? leg = null;
        station.Runtime.Dialer.LegCreated += (_, created) => leg = created;
        station.Press();
        await Poll.UntilAsync(() => station.Runtime.Station.Status.State == StationState.Talking, Deadline, "talking", ct);
        await Poll.UntilAsync(() => leg?.Call?.GetStatus() is { PacketsReceived: > 25 }, Deadline, "RTP from bob", ct);
        Assert.Equal(Suite, leg!.Call!.GetStatus().SrtpSuite);

        // Symmetric RTP and RTCP (RFC 4961): the station answers the relays' back sockets, not baresip directly.
        // With rtcp-mux RTCP rides on the RTP relay.
        await Poll.UntilAsync(() => path.Rtp.BackEndPoint.Equals(leg.Call.GetStatus().Media!.RemoteEndPoint), Deadline, "RTP latched to the relay", ct);
        await Poll.UntilAsync(() => leg.Call.GetStatus().Media!.RemoteRtcpEndPoint is { } rtcp && (rtcp.Equals(path.Rtcp.BackEndPoint) || rtcp.Equals(path.Rtp.BackEndPoint)),
            Deadline, $"RTCP latched to the relay ({path})", ct);
        await Poll.UntilAsync(() => path.Rtp.Backward.Forwarded > 25, Deadline, "our RTP through the relay", ct);
        return leg;
    }

    /// <summary>The last <paramref name="length"/> of what baresip decoded (its final 300 ms left out).</summary>
    private static ToneShare HeardByBaresip(BaresipPeer bob, TimeSpan length)
    {
        string recording = bob.ReceivedAudioPath ?? throw new InvalidOperationException($"baresip wrote no decoded audio. Output:\n{bob.Process.Output}");
        (short[] samples, int rate) = WaveFiles.ReadFirstChannel(recording);
        return ToneShare.Measure(ToneShare.Tail(samples, rate, length, TimeSpan.FromMilliseconds(300)), rate, ToneHz);
    }

    private static async Task ReportAsync(string report, CancellationToken ct)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        if (Environment.GetEnvironmentVariable("INTERCOM_HARDENING_REPORT") is { Length: > 0 } reportPath)
        {
            await File.AppendAllTextAsync(reportPath, report + "\n", ct);
        }

        // Also on stderr of the test host, so a passing run shows the figures when run with --output Detailed.
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[NetworkImpairmentTests] {report}"));
    }
}
