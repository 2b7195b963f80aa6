using Intercom.Sip.Messages;
using Intercom.Sip.Transactions;

namespace Intercom.Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.1 client transactions on a fake clock: no sleeping.</summary>
public sealed class ClientTransactionTests
{
    [Fact]
    public void Invite_NoResponse_TimerARetransmitsDoublingThenTimerBTimesOut()
    {
        using var harness = new TransactionHarness();
        SipTransactionFailure? failure = null;
        harness.Layer.SendRequest(TransactionHarness.Request("INVITE"), TransactionHarness.Udp, _ => { }, f => failure = f);
        Assert.Equal(1, harness.CountSent("INVITE"));

        // RFC 3261 §17.1.1.2: retransmissions at 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s (A doubles from T1).
        double[] expectedAt = [0.5, 1.5, 3.5, 7.5, 15.5, 31.5];
        double now = 0;
        for (int i = 0; i < expectedAt.Length; i++)
        {
            harness.Advance(TimeSpan.FromSeconds(expectedAt[i] - now - 0.01));
            Assert.Equal(i + 1, harness.CountSent("INVITE"));
            harness.Advance(TimeSpan.FromSeconds(0.01));
            Assert.Equal(i + 2, harness.CountSent("INVITE"));
            now = expectedAt[i];
        }

        Assert.Null(failure);
        harness.Advance(TimeSpan.FromSeconds(32 - now));
        Assert.Equal(SipTransactionFailure.Timeout, failure);
        Assert.Equal(0, harness.Layer.ClientCount);
        Assert.Equal(6, harness.Metrics.RetransmittedTotal);
    }

    [Fact]
    public void Invite_ProvisionalStopsRetransmission()
    {
        using var harness = new TransactionHarness();
        var responses = new List<int>();
        SipMessageBuilder invite = TransactionHarness.Request("INVITE");
        harness.Layer.SendRequest(invite, TransactionHarness.Udp, r => responses.Add(r.StatusCode), _ => { });

        Assert.True(harness.Layer.TryDeliverResponse(TransactionHarness.ResponseTo(invite, 180)));
        harness.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(1, harness.CountSent("INVITE"));
        Assert.Equal([180], responses);
    }

    [Fact]
    public void Invite_ErrorResponse_AckedAndRetransmittedResponseReAcked()
    {
        using var harness = new TransactionHarness();
        var responses = new List<int>();
        SipMessageBuilder invite = TransactionHarness.Request("INVITE");
        harness.Layer.SendRequest(invite, TransactionHarness.Udp, r => responses.Add(r.StatusCode), _ => { });
        SipMessage busy = TransactionHarness.ResponseTo(invite, 486);

        harness.Layer.TryDeliverResponse(busy);
        harness.Layer.TryDeliverResponse(busy);

        Assert.Equal([486], responses);
        Assert.Equal(2, harness.CountSent("ACK sip:bob@127.0.0.1"));
        string ack = harness.Sent.First(s => s.StartsWith("ACK", StringComparison.Ordinal));
        Assert.Contains("CSeq: 1 ACK", ack, StringComparison.Ordinal);
        Assert.Contains("branch=z9hG4bKtest1", ack, StringComparison.Ordinal);
        Assert.Contains("tag=b1", ack, StringComparison.Ordinal);

        // RFC 3261 §17.1.1.2: Timer D (32 s) then Terminated.
        harness.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, harness.Layer.ClientCount);
        harness.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, harness.Layer.ClientCount);
    }

    [Fact]
    public void Invite_ProvisionalAfterSuccess_Ignored()
    {
        using var harness = new TransactionHarness();
        var responses = new List<int>();
        SipMessageBuilder invite = TransactionHarness.Request("INVITE");
        harness.Layer.SendRequest(invite, TransactionHarness.Udp, r => responses.Add(r.StatusCode), _ => { });

        harness.Layer.TryDeliverResponse(TransactionHarness.ResponseTo(invite, 200));
        harness.Layer.TryDeliverResponse(TransactionHarness.ResponseTo(invite, 180));
        harness.Layer.TryDeliverResponse(TransactionHarness.ResponseTo(invite, 200));

        // RFC 6026 §7.2: 2xx retransmissions reach the TU (to re-ACK); the late 180 does not.
        Assert.Equal([200, 200], responses);
        harness.Advance(TimeSpan.FromSeconds(32));
        Assert.Equal(0, harness.Layer.ClientCount);
    }

    [Fact]
    public void NonInvite_TimerECapsAtT2_TimerFTimesOut()
    {
        using var harness = new TransactionHarness();
        SipTransactionFailure? failure = null;
        harness.Layer.SendRequest(TransactionHarness.Request("REGISTER"), TransactionHarness.Udp, _ => { }, f => failure = f);

        // E: 0.5, 1, 2, 4, 4, 4 ... (RFC 3261 §17.1.2.2) → sends at 0, .5, 1.5, 3.5, 7.5, 11.5, ..., 31.5
        harness.Advance(TimeSpan.FromSeconds(7.5));
        Assert.Equal(5, harness.CountSent("REGISTER"));
        harness.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(6, harness.CountSent("REGISTER"));
        harness.Advance(TimeSpan.FromMilliseconds(20490));
        Assert.Equal(11, harness.CountSent("REGISTER"));
        Assert.Null(failure);
        harness.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(SipTransactionFailure.Timeout, failure);
    }

    [Fact]
    public void NonInvite_InProceeding_RetransmitsEveryT2()
    {
        using var harness = new TransactionHarness();
        SipMessageBuilder request = TransactionHarness.Request("BYE");
        harness.Layer.SendRequest(request, TransactionHarness.Udp, _ => { }, _ => { });
        harness.Layer.TryDeliverResponse(TransactionHarness.ResponseTo(request, 100));

        harness.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(2, harness.CountSent("BYE"));
        harness.Advance(TimeSpan.FromSeconds(3.99));
        Assert.Equal(2, harness.CountSent("BYE"));
        harness.Advance(TimeSpan.FromSeconds(0.01));
        Assert.Equal(3, harness.CountSent("BYE"));
    }

    [Fact]
    public void NonInvite_FinalResponse_TimerKAbsorbsRetransmissions()
    {
        using var harness = new TransactionHarness();
        var responses = new List<int>();
        SipMessageBuilder request = TransactionHarness.Request("OPTIONS");
        harness.Layer.SendRequest(request, TransactionHarness.Udp, r => responses.Add(r.StatusCode), _ => { });
        SipMessage ok = TransactionHarness.ResponseTo(request, 200);

        harness.Layer.TryDeliverResponse(ok);
        harness.Layer.TryDeliverResponse(ok);
        harness.Advance(TimeSpan.FromSeconds(4.99));
        Assert.Equal(1, harness.Layer.ClientCount);
        harness.Advance(TimeSpan.FromSeconds(0.01));

        Assert.Equal([200], responses);
        Assert.Equal(0, harness.Layer.ClientCount);
        Assert.False(harness.Layer.TryDeliverResponse(ok));
    }

    [Fact]
    public void Tcp_NoRetransmissions_TimerBStillApplies()
    {
        using var harness = new TransactionHarness();
        SipTransactionFailure? failure = null;
        harness.Layer.SendRequest(TransactionHarness.Request("INVITE"), TransactionHarness.Tcp, _ => { }, f => failure = f);

        harness.Advance(TimeSpan.FromSeconds(31.9));
        Assert.Equal(1, harness.CountSent("INVITE"));
        Assert.Null(failure);
        harness.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(SipTransactionFailure.Timeout, failure);
    }

    [Fact]
    public void TransportError_ReportedAsFailure()
    {
        using var harness = new TransactionHarness { FailSends = true };
        SipTransactionFailure? failure = null;

        harness.Layer.SendRequest(TransactionHarness.Request("REGISTER"), TransactionHarness.Tcp, _ => { }, f => failure = f);

        Assert.Equal(SipTransactionFailure.TransportError, failure);
        Assert.Equal(0, harness.Layer.ClientCount);
    }
}
