using Intercom.Sip.Messages;
using Intercom.Sip.Transactions;

namespace Intercom.Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.2 server transactions on a fake clock.</summary>
public sealed class ServerTransactionTests
{
    [Fact]
    public void Invite_ErrorResponse_TimerGRetransmitsUntilAck()
    {
        using var harness = new TransactionHarness();
        SipMessage invite = TransactionHarness.Parse(TransactionHarness.Request("INVITE"));
        var transaction = (ServerInviteTransaction)harness.Layer.CreateServer(invite, TransactionHarness.Udp);
        transaction.Start();
        Assert.Equal(1, harness.CountSent("SIP/2.0 100"));

        transaction.Respond(SipMessageBuilder.ResponseTo(invite, 486, null, "t1"));
        harness.Advance(TimeSpan.FromSeconds(0.5));
        harness.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, harness.CountSent("SIP/2.0 486"));

        SipMessageBuilder ack = TransactionHarness.Request("ACK");
        harness.Layer.Find(TransactionHarness.Parse(ack))!.ReceiveRequest(TransactionHarness.Parse(ack));
        Assert.Equal(ServerInviteState.Confirmed, transaction.State);
        harness.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(3, harness.CountSent("SIP/2.0 486"));
        Assert.Equal(0, harness.Layer.ServerCount);
    }

    [Fact]
    public void Invite_ErrorResponseNeverAcked_TimerHTerminates()
    {
        using var harness = new TransactionHarness();
        SipMessage invite = TransactionHarness.Parse(TransactionHarness.Request("INVITE"));
        var transaction = (ServerInviteTransaction)harness.Layer.CreateServer(invite, TransactionHarness.Udp);
        bool timedOut = false;
        transaction.AckTimedOut += _ => timedOut = true;
        transaction.Respond(SipMessageBuilder.ResponseTo(invite, 603, null, "t1"));

        harness.Advance(TimeSpan.FromSeconds(31.9));
        Assert.False(timedOut);
        harness.Advance(TimeSpan.FromSeconds(0.1));

        Assert.True(timedOut);
        // G: 0.5, 1, 2, 4, 4, ... up to 32 s: 1 + 10 retransmissions.
        Assert.Equal(11, harness.CountSent("SIP/2.0 603"));
    }

    [Fact]
    public void Invite_RetransmittedRequest_ResendsLastProvisional()
    {
        using var harness = new TransactionHarness();
        SipMessage invite = TransactionHarness.Parse(TransactionHarness.Request("INVITE"));
        var transaction = (ServerInviteTransaction)harness.Layer.CreateServer(invite, TransactionHarness.Udp);
        transaction.Start();
        transaction.Respond(SipMessageBuilder.ResponseTo(invite, 180, null, "t1"));

        harness.Layer.Find(invite)!.ReceiveRequest(invite);

        Assert.Equal(2, harness.CountSent("SIP/2.0 180"));
        Assert.Equal(1, harness.Metrics.RetransmissionsAbsorbedTotal);
    }

    [Fact]
    public void NonInvite_FinalResponse_ResentOnRetransmissionUntilTimerJ()
    {
        using var harness = new TransactionHarness();
        SipMessage request = TransactionHarness.Parse(TransactionHarness.Request("BYE"));
        SipServerTransaction transaction = harness.Layer.CreateServer(request, TransactionHarness.Udp);
        transaction.Respond(SipMessageBuilder.ResponseTo(request, 200));

        harness.Layer.Find(request)!.ReceiveRequest(request);
        Assert.Equal(2, harness.CountSent("SIP/2.0 200"));
        harness.Advance(TimeSpan.FromSeconds(32));

        Assert.Null(harness.Layer.Find(request));
    }

    [Fact]
    public void Cancel_MatchesInviteTransactionByBranch()
    {
        using var harness = new TransactionHarness();
        SipMessage invite = TransactionHarness.Parse(TransactionHarness.Request("INVITE"));
        ServerInviteTransaction transaction = (ServerInviteTransaction)harness.Layer.CreateServer(invite, TransactionHarness.Udp);

        SipMessage cancel = TransactionHarness.Parse(TransactionHarness.Request("CANCEL"));
        SipMessage other = TransactionHarness.Parse(TransactionHarness.Request("CANCEL", "z9hG4bKother"));

        Assert.Same(transaction, harness.Layer.FindInviteForCancel(cancel));
        Assert.Null(harness.Layer.FindInviteForCancel(other));
    }
}
