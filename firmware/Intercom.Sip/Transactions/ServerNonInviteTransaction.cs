using Intercom.Sip.Core;
using Intercom.Sip.Messages;
using Intercom.Sip.Transport;

namespace Intercom.Sip.Transactions;

/// <summary>RFC 3261 §17.2.2 non-INVITE server transaction.</summary>
internal sealed class ServerNonInviteTransaction : SipServerTransaction
{
    private SipTimer? _timerJ;

    public ServerNonInviteTransaction(SipTransactionContext context, SipMessage request, SipFlow flow, string key)
        : base(context, request, flow, key)
    {
    }

    public ServerNonInviteState State { get; private set; } = ServerNonInviteState.Trying;

    public override void Respond(SipMessageBuilder response)
    {
        if (State is ServerNonInviteState.Completed or ServerNonInviteState.Terminated)
        {
            return;
        }

        byte[] bytes = response.ToArray();
        LastResponse = bytes;
        Transmit(bytes);
        if (response.StatusCode < 200)
        {
            State = ServerNonInviteState.Proceeding;
            return;
        }

        FinalStatusCode = response.StatusCode;
        State = ServerNonInviteState.Completed;

        // RFC 3261 §17.2.2: Timer J = 64*T1 on unreliable transports, zero on reliable ones.
        _timerJ = Context.StartTimer(Reliable ? TimeSpan.Zero : Context.Timers.TransactionTimeout, Finish);
    }

    public override void ReceiveRequest(SipMessage request)
    {
        Context.Metrics.RetransmissionAbsorbed();
        if (State is ServerNonInviteState.Proceeding or ServerNonInviteState.Completed && LastResponse is not null)
        {
            Context.Metrics.Retransmitted();
            Transmit(LastResponse);
        }
    }

    public override void Abandon()
    {
        _timerJ?.Dispose();
        _timerJ = null;
        State = ServerNonInviteState.Terminated;
        Terminate();
    }

    private void Finish()
    {
        _timerJ?.Dispose();
        _timerJ = null;
        State = ServerNonInviteState.Terminated;
        Terminate();
    }
}
