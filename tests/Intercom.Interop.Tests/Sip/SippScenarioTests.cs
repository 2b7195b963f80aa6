using Intercom.Interop.Tests.Peers;
using Intercom.Sip.Configuration;
using Intercom.Sip.UserAgent;

namespace Intercom.Interop.Tests.Sip;

/// <summary>sipp scenarios: sipp as UAS for our calls, and as UAC calling us.</summary>
public sealed class SippScenarioTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Sip", "Scenarios", name);

    private static SipAccountOptions SippAccount(SippPeer sipp) => new()
    {
        Name = "sipp",
        User = "door",
        Password = "sipp-secret",
        Domain = $"127.0.0.1:{sipp.Port}",
    };

    private static async Task<(SipUserAgent Agent, SipCall Call)> CallSippAsync(SippPeer sipp, CancellationToken ct, string transport = "udp")
    {
        await FreePort.WaitForUdpAsync(sipp.Port, Deadline, sipp.Process, ct);
        SipUserAgent agent = SipTestAgents.Create(SipTestAgents.Options(SippAccount(sipp)));
        await agent.StartAsync(ct);
        SipCall call = await agent.CallAsync(new SipCallRequest { Target = $"sip:service@127.0.0.1:{sipp.Port};transport={transport}", Offer = SipTestAgents.PcmuOffer() }, ct);
        return (agent, call);
    }

    private static async Task AssertSippSucceededAsync(SippPeer sipp, CancellationToken ct)
    {
        int exit = await sipp.WaitForExitAsync(Deadline, ct);
        Assert.True(exit == 0, $"sipp exited {exit}\n{sipp.ErrorLog}\n{sipp.Process.Output[^Math.Min(3000, sipp.Process.Output.Length)..]}");
    }

    [Fact]
    public async Task Uas_Answers_WeHangUp()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using SippPeer sipp = SippPeer.StartServer(Scenario("uas_answer.xml"));
        (SipUserAgent agent, SipCall call) = await CallSippAsync(sipp, ct);
        await using (agent)
        {
            SipCallEvent ringing = await call.Events.ReadAsync(ct).AsTask().WaitAsync(Deadline, ct);
            Assert.Equal(180, Assert.IsType<SipProvisionalResponseEvent>(ringing).StatusCode);
            Assert.Equal(200, (await call.Outcome.WaitAsync(Deadline, ct)).StatusCode);

            await call.HangUpAsync();

            await AssertSippSucceededAsync(sipp, ct);
        }
    }

    [Fact]
    public async Task Uas_Busy_CallRejectedWith486()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using SippPeer sipp = SippPeer.StartServer(Scenario("uas_busy.xml"));
        (SipUserAgent agent, SipCall call) = await CallSippAsync(sipp, ct);
        await using (agent)
        {
            SipResponseInfo outcome = await call.Outcome.WaitAsync(Deadline, ct);

            Assert.Equal(486, outcome.StatusCode);
            Assert.Equal(SipCallEndReason.Rejected, (await call.Ended).Reason);
            await AssertSippSucceededAsync(sipp, ct);
        }
    }

    [Theory]
    [InlineData("uas_challenge_401.xml")]
    [InlineData("uas_challenge_407.xml")]
    public async Task Uas_Challenges_WeAuthenticateAndGetAnswered(string scenario)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using SippPeer sipp = SippPeer.StartServer(Scenario(scenario));
        (SipUserAgent agent, SipCall call) = await CallSippAsync(sipp, ct);
        await using (agent)
        {
            Assert.Equal(200, (await call.Outcome.WaitAsync(Deadline, ct)).StatusCode);

            await call.HangUpAsync();

            await AssertSippSucceededAsync(sipp, ct);
        }
    }

    [Fact]
    public async Task Uas_NoAnswer_WeCancel()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using SippPeer sipp = SippPeer.StartServer(Scenario("uas_no_answer.xml"));
        (SipUserAgent agent, SipCall call) = await CallSippAsync(sipp, ct);
        await using (agent)
        {
            await call.Events.ReadAsync(ct).AsTask().WaitAsync(Deadline, ct);

            await call.HangUpAsync();

            SipCallEndedEvent ended = await call.Ended.WaitAsync(Deadline, ct);
            Assert.Equal(SipCallEndReason.Cancelled, ended.Reason);
            Assert.Equal(487, ended.StatusCode);
            await AssertSippSucceededAsync(sipp, ct);
        }
    }

    [Fact]
    public async Task Uas_LostResponses_WeRetransmitTheInvite()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using SippPeer sipp = SippPeer.StartServer(Scenario("uas_lost_responses.xml"));
        (SipUserAgent agent, SipCall call) = await CallSippAsync(sipp, ct);
        await using (agent)
        {
            Assert.Equal(200, (await call.Outcome.WaitAsync(Deadline, ct)).StatusCode);

            // RFC 3261 §17.1.1.2: Timer A fired at 0.5 s and 1.5 s... at least once before sipp answered at 1.2 s.
            Assert.True(agent.Metrics.RetransmittedTotal >= 1, $"retransmitted {agent.Metrics.RetransmittedTotal}");
            await call.HangUpAsync();
            await AssertSippSucceededAsync(sipp, ct);
        }
    }

    [Theory]
    [InlineData("u1")]
    [InlineData("t1")]
    public async Task Uac_CallsUs_WeAnswerAndSeeTheirBye(string transport)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using SipUserAgent agent = SipTestAgents.Create(SipTestAgents.Options());
        agent.InboundPolicy = _ => SipInboundDecision.Allow;
        await agent.StartAsync(ct);
        int port = transport == "u1" ? agent.UdpEndPoint!.Port : agent.TcpEndPoint!.Port;
        await using SippPeer sipp = SippPeer.StartClient(Scenario("uac_call_bye.xml"), $"127.0.0.1:{port}", "door", transport);

        SipCall call = await agent.IncomingCalls.ReadAsync(ct).AsTask().WaitAsync(Deadline, ct);
        Assert.Contains("PCMU", call.RemoteBody!.Text, StringComparison.Ordinal);
        await call.RingAsync();
        await call.AnswerAsync(SipTestAgents.PcmuOffer(40010));

        Assert.Equal(SipCallEndReason.RemoteHangUp, (await call.Ended.WaitAsync(Deadline, ct)).Reason);
        await AssertSippSucceededAsync(sipp, ct);
    }

    [Fact]
    public async Task Uac_CancelsWhileRinging_WeAnswer487()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using SipUserAgent agent = SipTestAgents.Create(SipTestAgents.Options());
        agent.InboundPolicy = _ => SipInboundDecision.Allow;
        await agent.StartAsync(ct);
        await using SippPeer sipp = SippPeer.StartClient(Scenario("uac_cancel.xml"), $"127.0.0.1:{agent.UdpEndPoint!.Port}", "door");

        SipCall call = await agent.IncomingCalls.ReadAsync(ct).AsTask().WaitAsync(Deadline, ct);
        await call.RingAsync();

        Assert.Equal(SipCallEndReason.RemoteCancelled, (await call.Ended.WaitAsync(Deadline, ct)).Reason);
        await AssertSippSucceededAsync(sipp, ct);
    }
}
