using System.Net;
using System.Net.Sockets;
using System.Text;
using Intercom.Sip.Configuration;
using Intercom.Sip.Messages;
using Intercom.Sip.UserAgent;
using Microsoft.Extensions.Time.Testing;

namespace Intercom.Sip.Tests.UserAgent;

/// <summary>RFC 4028 session timers between real sockets, driven by a fake clock.</summary>
public sealed class SessionTimerTests
{
    private static readonly SipBody Offer = SipBody.FromText("application/sdp", "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n");

    private static SipUserAgentOptions Options()
    {
        SipUserAgentOptions options = LoopbackCallTests.LoopbackOptions();
        options.SessionExpires = TimeSpan.FromSeconds(90);
        options.MinimumSessionExpires = TimeSpan.FromSeconds(90);
        return options;
    }

    [Fact]
    public async Task Caller_IsRefresher_ReInvitesAtHalfTheInterval_CallSurvives()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2029, 2, 28, 23, 59, 30, TimeSpan.Zero));
        await using var callee = new SipUserAgent(Options(), clock);
        await using var caller = new SipUserAgent(Options(), clock);
        callee.InboundPolicy = _ => SipInboundDecision.Allow;
        await callee.StartAsync(ct);
        await caller.StartAsync(ct);
        SipCall outgoing = await caller.CallAsync(new SipCallRequest { Target = $"sip:door@127.0.0.1:{callee.TcpEndPoint!.Port};transport=tcp", Offer = Offer }, ct);
        SipCall incoming = await callee.IncomingCalls.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        await incoming.AnswerAsync(Offer);
        await outgoing.Outcome.WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.IsType<SipCallAnsweredEvent>(await incoming.Events.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct));
        Assert.Equal(TimeSpan.FromSeconds(90), outgoing.SessionInterval);

        // The refresh is due 45 s after each 2xx; step the clock a second at a time, since the caller
        // arms its next refresh only once it has processed the previous 2xx on its own loop.
        for (int refresh = 0; refresh < 2; refresh++)
        {
            TimeSpan advanced = TimeSpan.Zero;
            SipCallEvent? refreshed = null;
            while (refreshed is null)
            {
                Assert.True(advanced < TimeSpan.FromSeconds(59), $"no refresh within {advanced}");
                clock.Advance(TimeSpan.FromSeconds(1));
                advanced += TimeSpan.FromSeconds(1);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(TimeSpan.FromMilliseconds(advanced >= TimeSpan.FromSeconds(45) ? 2000 : 20));
                try
                {
                    refreshed = await incoming.Events.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                }
            }

            Assert.IsType<SipReInviteReceivedEvent>(refreshed);
            Assert.InRange(advanced, TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(52));
        }

        Assert.Equal(SipCallState.Established, incoming.State);
        Assert.Equal(SipCallState.Established, outgoing.State);
    }

    [Fact]
    public async Task Callee_NoRefreshArrives_SendsByeBeforeTheSessionExpires()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2029, 2, 28, 23, 59, 30, TimeSpan.Zero));
        await using var callee = new SipUserAgent(Options(), clock);
        callee.InboundPolicy = _ => SipInboundDecision.Allow;
        await callee.StartAsync(ct);
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int peerPort = ((IPEndPoint)peer.LocalEndPoint!).Port;
        string common = $"From: <sip:peer@127.0.0.1:{peerPort}>;tag=p1\r\nCall-ID: st-1\r\nMax-Forwards: 70\r\n";
        await peer.SendToAsync(Encoding.ASCII.GetBytes(
            $"INVITE sip:door@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{peerPort};branch=z9hG4bKst1\r\n{common}To: <sip:door@127.0.0.1>\r\nCSeq: 1 INVITE\r\n" +
            $"Contact: <sip:peer@127.0.0.1:{peerPort}>\r\nSupported: timer\r\nSession-Expires: 90;refresher=uac\r\nContent-Length: 0\r\n\r\n"), callee.UdpEndPoint!, ct);
        SipCall incoming = await callee.IncomingCalls.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        await incoming.AnswerAsync(Offer);
        SipMessage ok = await ReceiveAsync(peer, m => m.StatusCode == 200, ct);
        Assert.Equal("90;refresher=uac", ok.GetHeader(SipHeaderKind.SessionExpires));
        await peer.SendToAsync(Encoding.ASCII.GetBytes(
            $"ACK sip:door@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{peerPort};branch=z9hG4bKst2\r\n{common}To: {ok.GetHeader(SipHeaderKind.To)}\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n"), callee.UdpEndPoint!, ct);
        await incoming.Events.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);

        // RFC 4028 §10: BYE at the interval minus min(32 s, interval/3) = 60 s.
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(SipCallState.Established, incoming.State);
        clock.Advance(TimeSpan.FromSeconds(1));
        SipMessage bye = await ReceiveAsync(peer, m => m.Method == SipMethods.Bye, ct);

        Assert.Equal("st-1", bye.CallId);
        Assert.Equal(SipCallEndReason.SessionExpired, (await incoming.Ended.WaitAsync(TimeSpan.FromSeconds(10), ct)).Reason);
    }

    private static async Task<SipMessage> ReceiveAsync(Socket socket, Func<SipMessage, bool> match, CancellationToken ct)
    {
        byte[] buffer = new byte[65535];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            SocketReceiveFromResult received = await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
            SipMessage? message = SipMessageParser.Parse(buffer.AsSpan(0, received.ReceivedBytes), SipFraming.Datagram).Message;
            if (message is not null && match(message))
            {
                return message;
            }
        }
    }
}
