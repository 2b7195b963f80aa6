using Intercom.Sip.Core;
using Intercom.Sip.Messages;
using Intercom.Sip.Transport;

namespace Intercom.Sip.Transactions;

/// <summary>RFC 3261 §17.1.2 non-INVITE client transaction (REGISTER, BYE, CANCEL, INFO, OPTIONS, ...).</summary>
internal sealed class ClientNonInviteTransaction : SipClientTransaction
{
    private SipTimer? _timerE;
    private SipTimer? _timerF;
    private SipTimer? _timerK;
    private TimeSpan _intervalE;

    public ClientNonInviteTransaction(SipTransactionContext context, SipMessageBuilder request, SipFlow flow, Action<SipMessage> onResponse, Action<SipTransactionFailure> onFailure)
        : base(context, request, flow, onResponse, onFailure)
    {
    }

    public ClientNonInviteState State { get; private set; } = ClientNonInviteState.Trying;

    public override void Start()
    {
        Transmit(RequestBytes);
        if (!Reliable)
        {
            // RFC 3261 §17.1.2.2: Timer E starts at T1.
            _intervalE = Context.Timers.T1;
            _timerE = Context.StartTimer(_intervalE, OnTimerE);
        }

        _timerF = Context.StartTimer(Context.Timers.TransactionTimeout, OnTimerF);
    }

    public override void ReceiveResponse(SipMessage response)
    {
        if (State is ClientNonInviteState.Completed or ClientNonInviteState.Terminated)
        {
            Context.Metrics.RetransmissionAbsorbed();
            return;
        }

        if (response.StatusCode < 200)
        {
            State = ClientNonInviteState.Proceeding;
            OnResponse(response);
            return;
        }

        State = ClientNonInviteState.Completed;
        Dispose(ref _timerE);
        Dispose(ref _timerF);

        // RFC 3261 §17.1.2.2: Timer K = T4 absorbs response retransmissions (zero on reliable transports).
        _timerK = Context.StartTimer(Reliable ? TimeSpan.Zero : Context.Timers.T4, Finish);
        OnResponse(response);
    }

    public override void Abandon()
    {
        DisposeTimers();
        State = ClientNonInviteState.Terminated;
        Terminate();
    }

    protected override void TransportFailed()
    {
        if (State is ClientNonInviteState.Trying or ClientNonInviteState.Proceeding)
        {
            DisposeTimers();
            State = ClientNonInviteState.Terminated;
            Terminate();
            OnFailure(SipTransactionFailure.TransportError);
        }
    }

    private void OnTimerE()
    {
        if (State is not (ClientNonInviteState.Trying or ClientNonInviteState.Proceeding))
        {
            return;
        }

        Context.Metrics.Retransmitted();
        Transmit(RequestBytes);

        // RFC 3261 §17.1.2.2: Timer E doubles up to T2 in Trying; in Proceeding it is T2.
        _intervalE = State == ClientNonInviteState.Proceeding ? Context.Timers.T2 : Min(_intervalE * 2, Context.Timers.T2);
        _timerE = Context.StartTimer(_intervalE, OnTimerE);
    }

    private void OnTimerF()
    {
        if (State is ClientNonInviteState.Trying or ClientNonInviteState.Proceeding)
        {
            DisposeTimers();
            State = ClientNonInviteState.Terminated;
            Terminate();
            OnFailure(SipTransactionFailure.Timeout);
        }
    }

    private void Finish()
    {
        DisposeTimers();
        State = ClientNonInviteState.Terminated;
        Terminate();
    }

    private void DisposeTimers()
    {
        Dispose(ref _timerE);
        Dispose(ref _timerF);
        Dispose(ref _timerK);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static void Dispose(ref SipTimer? timer)
    {
        timer?.Dispose();
        timer = null;
    }
}
