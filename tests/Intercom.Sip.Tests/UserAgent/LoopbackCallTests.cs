using System.Net;
using Intercom.Sip.Configuration;
using Intercom.Sip.UserAgent;

namespace Intercom.Sip.Tests.UserAgent;

/// <summary>Two of our user agents calling each other over loopback.</summary>
public sealed class LoopbackCallTests
{
    private static readonly SipBody Offer = SipBody.FromText("application/sdp", "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n");
    private static readonly SipBody Answer = SipBody.FromText("application/sdp", "v=0\r\no=- 2 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40002 RTP/AVP 0\r\n");

    internal static SipUserAgentOptions LoopbackOptions()
    {
        var options = new SipUserAgentOptions
        {
            Transport = new SipTransportOptions { BindAddress = IPAddress.Loopback, UdpPort = 0, TcpPort = 0, KeepAliveInterval = TimeSpan.Zero },
            ProductName = "IntercomTest",
        };
        return options;
    }

    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task Call_AnsweredThenCallerHangsUp_BothSidesSeeTheEnd(string transport)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using var callee = new SipUserAgent(LoopbackOptions());
        await using var caller = new SipUserAgent(LoopbackOptions());
        callee.InboundPolicy = _ => SipInboundDecision.Allow;
        await callee.StartAsync(ct);
        await caller.StartAsync(ct);

        int port = transport == "udp" ? callee.UdpEndPoint!.Port : callee.TcpEndPoint!.Port;
        SipCall outgoing = await caller.CallAsync(new SipCallRequest { Target = $"sip:door@127.0.0.1:{port};transport={transport}", Offer = Offer }, ct);
        SipCall incoming = await callee.IncomingCalls.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Equal(Offer.Text, incoming.RemoteBody!.Text);

        await incoming.RingAsync();
        SipCallEvent ringing = await outgoing.Events.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Equal(180, Assert.IsType<SipProvisionalResponseEvent>(ringing).StatusCode);

        await incoming.AnswerAsync(Answer);
        SipResponseInfo outcome = await outgoing.Outcome.WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal(Answer.Text, outcome.Body!.Text);
        Assert.IsType<SipCallAnsweredEvent>(await incoming.Events.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct));

        SipResponseInfo info = await outgoing.SendInfoAsync(SipBody.FromText("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n")).WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Equal(200, info.StatusCode);
        var dtmf = Assert.IsType<SipInfoReceivedEvent>(await incoming.Events.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct));
        Assert.Contains("Signal=5", dtmf.Body!.Text, StringComparison.Ordinal);

        SipResponseInfo reinvite = await outgoing.ReInviteAsync(SipBody.FromText("application/sdp", Offer.Text.Replace("m=audio", "a=sendonly\r\nm=audio", StringComparison.Ordinal))).WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Equal(200, reinvite.StatusCode);
        Assert.IsType<SipReInviteReceivedEvent>(await incoming.Events.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct));

        await outgoing.HangUpAsync();
        SipCallEndedEvent ended = await incoming.Ended.WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Equal(SipCallEndReason.RemoteHangUp, ended.Reason);
        Assert.Equal(SipCallEndReason.LocalHangUp, (await outgoing.Ended).Reason);
    }

    [Fact]
    public async Task Call_DefaultPolicy_RejectedWith403()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using var callee = new SipUserAgent(LoopbackOptions());
        await using var caller = new SipUserAgent(LoopbackOptions());
        await callee.StartAsync(ct);
        await caller.StartAsync(ct);

        SipCall outgoing = await caller.CallAsync(new SipCallRequest { Target = $"sip:door@127.0.0.1:{callee.UdpEndPoint!.Port}", Offer = Offer }, ct);
        SipResponseInfo outcome = await outgoing.Outcome.WaitAsync(TimeSpan.FromSeconds(10), ct);

        Assert.Equal(403, outcome.StatusCode);
        Assert.Equal(SipCallEndReason.Rejected, (await outgoing.Ended).Reason);
        Assert.Equal(0, callee.CallCount);
    }

    [Fact]
    public async Task Call_CallerCancelsWhileRinging_CalleeSeesRemoteCancel()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using var callee = new SipUserAgent(LoopbackOptions());
        await using var caller = new SipUserAgent(LoopbackOptions());
        callee.InboundPolicy = _ => SipInboundDecision.Allow;
        await callee.StartAsync(ct);
        await caller.StartAsync(ct);

        SipCall outgoing = await caller.CallAsync(new SipCallRequest { Target = $"sip:door@127.0.0.1:{callee.UdpEndPoint!.Port}", Offer = Offer }, ct);
        SipCall incoming = await callee.IncomingCalls.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        await incoming.RingAsync();
        await outgoing.Events.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);

        await outgoing.HangUpAsync();

        Assert.Equal(SipCallEndReason.RemoteCancelled, (await incoming.Ended.WaitAsync(TimeSpan.FromSeconds(10), ct)).Reason);
        SipCallEndedEvent ended = await outgoing.Ended.WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Equal(SipCallEndReason.Cancelled, ended.Reason);
        Assert.Equal(487, ended.StatusCode);
    }

    [Fact]
    public async Task Call_CalleeHangsUp_CallerSeesRemoteHangUp()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using var callee = new SipUserAgent(LoopbackOptions());
        await using var caller = new SipUserAgent(LoopbackOptions());
        callee.InboundPolicy = _ => SipInboundDecision.Allow;
        await callee.StartAsync(ct);
        await caller.StartAsync(ct);

        SipCall outgoing = await caller.CallAsync(new SipCallRequest { Target = $"sip:door@127.0.0.1:{callee.UdpEndPoint!.Port}", Offer = Offer }, ct);
        SipCall incoming = await callee.IncomingCalls.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        await incoming.AnswerAsync(Answer);
        await outgoing.Outcome.WaitAsync(TimeSpan.FromSeconds(10), ct);
        await incoming.Events.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);

        await incoming.HangUpAsync();

        Assert.Equal(SipCallEndReason.RemoteHangUp, (await outgoing.Ended.WaitAsync(TimeSpan.FromSeconds(10), ct)).Reason);
    }

    [Fact]
    public async Task ParallelCalls_OneAnswers_OtherCancelledAndEarlyMediaSeen()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using var first = new SipUserAgent(LoopbackOptions());
        await using var second = new SipUserAgent(LoopbackOptions());
        await using var caller = new SipUserAgent(LoopbackOptions());
        first.InboundPolicy = _ => SipInboundDecision.Allow;
        second.InboundPolicy = _ => SipInboundDecision.Allow;
        await first.StartAsync(ct);
        await second.StartAsync(ct);
        await caller.StartAsync(ct);

        SipCall toFirst = await caller.CallAsync(new SipCallRequest { Target = $"sip:a@127.0.0.1:{first.UdpEndPoint!.Port}", Offer = Offer }, ct);
        SipCall toSecond = await caller.CallAsync(new SipCallRequest { Target = $"sip:b@127.0.0.1:{second.UdpEndPoint!.Port}", Offer = Offer }, ct);
        SipCall atFirst = await first.IncomingCalls.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        SipCall atSecond = await second.IncomingCalls.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        await atSecond.RingAsync(Answer);
        var early = Assert.IsType<SipProvisionalResponseEvent>(await toSecond.Events.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct));
        Assert.Equal(183, early.StatusCode);
        Assert.Equal(Answer.Text, early.Body!.Text);

        await atFirst.AnswerAsync(Answer);
        Task<SipResponseInfo> winner = await Task.WhenAny(toFirst.Outcome, toSecond.Outcome).WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Same(toFirst.Outcome, winner);
        await toSecond.HangUpAsync();

        Assert.Equal(SipCallEndReason.RemoteCancelled, (await atSecond.Ended.WaitAsync(TimeSpan.FromSeconds(10), ct)).Reason);
        Assert.Equal(SipCallEndReason.Cancelled, (await toSecond.Ended.WaitAsync(TimeSpan.FromSeconds(10), ct)).Reason);
        Assert.Equal(SipCallState.Established, toFirst.State);
        Assert.Equal(1, caller.CallCount);
    }
}
