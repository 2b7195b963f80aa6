using System.Text.Json;
using Intercom.Interop.Tests.Peers;
using Intercom.Sip.Configuration;
using Intercom.Sip.UserAgent;

namespace Intercom.Interop.Tests.Sip;

/// <summary>baresip as the callee: auto-answer, re-INVITE, hang-up from either side, direct and through kamailio.</summary>
public sealed class BaresipCallTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task DirectCall_AnsweredReInvitedAndHungUpByUs_BaresipSeesClose()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using BaresipPeer baresip = await BaresipPeer.StartAsync("<sip:bob@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMU", ct);
        await using var agent = SipTestAgents.Create(SipTestAgents.Options());
        await agent.StartAsync(ct);

        SipCall call = await agent.CallAsync(new SipCallRequest { Target = $"sip:bob@127.0.0.1:{baresip.SipPort}", Offer = SipTestAgents.PcmuOffer() }, ct);
        SipResponseInfo outcome = await call.Outcome.WaitAsync(Deadline, ct);
        Assert.Equal(200, outcome.StatusCode);
        Assert.Contains("PCMU/8000", outcome.Body!.Text, StringComparison.Ordinal);
        await baresip.WaitForEventAsync("CALL_ESTABLISHED", Deadline, ct);

        SipResponseInfo hold = await call.ReInviteAsync(SipBody.FromText("application/sdp", SipTestAgents.PcmuOffer().Text.Replace("a=sendrecv", "a=sendonly", StringComparison.Ordinal))).WaitAsync(Deadline, ct);
        Assert.Equal(200, hold.StatusCode);
        Assert.Contains("a=recvonly", hold.Body!.Text, StringComparison.Ordinal);

        await call.HangUpAsync();
        JsonElement closed = await baresip.WaitForEventAsync("CALL_CLOSED", Deadline, ct);
        Assert.Equal(SipCallEndReason.LocalHangUp, (await call.Ended).Reason);
        Assert.Contains("Connection reset by peer", closed.GetProperty("param").GetString() ?? string.Empty, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DirectCall_BaresipHangsUp_WeSeeRemoteHangUp()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using BaresipPeer baresip = await BaresipPeer.StartAsync("<sip:bob@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMU", ct);
        await using var agent = SipTestAgents.Create(SipTestAgents.Options());
        await agent.StartAsync(ct);

        SipCall call = await agent.CallAsync(new SipCallRequest { Target = $"sip:bob@127.0.0.1:{baresip.SipPort};transport=tcp", Offer = SipTestAgents.PcmuOffer() }, ct);
        Assert.Equal(200, (await call.Outcome.WaitAsync(Deadline, ct)).StatusCode);
        await baresip.WaitForEventAsync("CALL_ESTABLISHED", Deadline, ct);

        await baresip.CommandAsync("hangup", cancellationToken: ct);

        SipCallEndedEvent ended = await call.Ended.WaitAsync(Deadline, ct);
        Assert.Equal(SipCallEndReason.RemoteHangUp, ended.Reason);
    }

    [Fact]
    public async Task CallThroughKamailio_ProxyChallengeAnsweredAndRecordRouted_BaresipAnswers()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var authority = TestCertificateAuthority.Create("unused");
        await using KamailioPeer kamailio = await KamailioPeer.StartAsync(KamailioFixture.Users, cancellationToken: ct);
        await using BaresipPeer baresip = await BaresipPeer.StartAsync($"<sip:bob@127.0.0.1:{kamailio.Port}>;auth_pass={KamailioFixture.Users["bob"]};regint=120;answermode=auto;audio_codecs=PCMU", ct);
        await baresip.WaitForRegistrationAsync(Deadline, ct);
        var account = new SipAccountOptions { Name = "door", User = "door", Password = KamailioFixture.Users["door"], Registrar = $"127.0.0.1:{kamailio.Port}", Transport = SipTransportPreference.Udp };
        await using var agent = SipTestAgents.Create(SipTestAgents.Options(account));
        await agent.StartAsync(ct);
        await SipTestAgents.WaitForStateAsync(agent.Accounts[0], SipRegistrationState.Registered, Deadline, ct);

        SipCall call = await agent.CallAsync(new SipCallRequest { Target = "bob", Offer = SipTestAgents.PcmuOffer() }, ct);
        SipResponseInfo outcome = await call.Outcome.WaitAsync(Deadline, ct);

        Assert.Equal(200, outcome.StatusCode);
        await baresip.WaitForEventAsync("CALL_ESTABLISHED", Deadline, ct);
        SipResponseInfo info = await call.SendInfoAsync(SipBody.FromText("application/dtmf-relay", "Signal=1\r\nDuration=100\r\n")).WaitAsync(Deadline, ct);
        Assert.True(info.StatusCode is 200 or 415 or 501, $"INFO answered {info.StatusCode}");
        await call.HangUpAsync();
        await baresip.WaitForEventAsync("CALL_CLOSED", Deadline, ct);
    }

    [Fact]
    public async Task InboundThroughKamailio_PolicyAcceptsOnlyTheRegistrar_WeAnswerOverTcp()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using KamailioPeer kamailio = await KamailioPeer.StartAsync(KamailioFixture.Users, cancellationToken: ct);
        var account = new SipAccountOptions { Name = "door", User = "door", Password = KamailioFixture.Users["door"], Registrar = $"127.0.0.1:{kamailio.Port}", Transport = SipTransportPreference.Tcp };
        await using var agent = SipTestAgents.Create(SipTestAgents.Options(account));
        SipIncomingCallInfo? seen = null;
        agent.InboundPolicy = info =>
        {
            seen = info;
            return info.ViaAccount is not null ? SipInboundDecision.Allow : SipInboundDecision.Forbidden;
        };
        await agent.StartAsync(ct);
        await SipTestAgents.WaitForStateAsync(agent.Accounts[0], SipRegistrationState.Registered, Deadline, ct);
        await using BaresipPeer carol = await BaresipPeer.StartAsync($"<sip:carol@127.0.0.1:{kamailio.Port}>;auth_pass={KamailioFixture.Users["carol"]};regint=120;audio_codecs=PCMU", ct);
        await carol.WaitForRegistrationAsync(Deadline, ct);

        await carol.CommandAsync("dial", $"sip:door@127.0.0.1:{kamailio.Port}", ct);
        SipCall call = await agent.IncomingCalls.ReadAsync(ct).AsTask().WaitAsync(Deadline, ct);
        await call.AnswerAsync(SipTestAgents.PcmuOffer(40020));
        await carol.WaitForEventAsync("CALL_ESTABLISHED", Deadline, ct);

        Assert.Equal("door", seen!.ViaAccount);
        Assert.Equal("carol", seen.From.Uri.User);
        Assert.Equal(Intercom.Sip.Transport.SipTransportKind.Tcp, seen.Transport);
        await carol.CommandAsync("hangup", cancellationToken: ct);
        Assert.Equal(SipCallEndReason.RemoteHangUp, (await call.Ended.WaitAsync(Deadline, ct)).Reason);
    }
}
