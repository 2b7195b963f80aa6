using Intercom.Sip.Core;
using Intercom.Sip.Messages;
using Intercom.Sip.Transport;

namespace Intercom.Sip.Transactions;

/// <summary>RFC 3261 §17.1.1 INVITE client transaction, with the Accepted state of RFC 6026 §7.2.</summary>
internal sealed class ClientInviteTransaction : SipClientTransaction
{
    private SipTimer? _timerA;
    private SipTimer? _timerB;
    private SipTimer? _timerD;
    private SipTimer? _timerM;
    private TimeSpan _intervalA;
    private byte[]? _ack;

    public ClientInviteTransaction(SipTransactionContext context, SipMessageBuilder request, SipFlow flow, Action<SipMessage> onResponse, Action<SipTransactionFailure> onFailure)
        : base(context, request, flow, onResponse, onFailure)
    {
    }

    public ClientInviteState State { get; private set; } = ClientInviteState.Calling;

    public override void Start()
    {
        Transmit(RequestBytes);
        if (!Reliable)
        {
            // RFC 3261 §17.1.1.2: Timer A starts at T1 on unreliable transports.
            _intervalA = Context.Timers.T1;
            _timerA = Context.StartTimer(_intervalA, OnTimerA);
        }

        // RFC 3261 §17.1.1.2: Timer B = 64*T1 bounds the wait for any response.
        _timerB = Context.StartTimer(Context.Timers.TransactionTimeout, OnTimerB);
    }

    public override void ReceiveResponse(SipMessage response)
    {
        int status = response.StatusCode;
        switch (State)
        {
            case ClientInviteState.Calling or ClientInviteState.Proceeding when status < 200:
                State = ClientInviteState.Proceeding;
                Dispose(ref _timerA);
                OnResponse(response);
                break;
            case ClientInviteState.Calling or ClientInviteState.Proceeding when status < 300:
                // RFC 6026 §7.2: Accepted; 2xx retransmissions go to the TU, which ACKs them (§13.2.2.4).
                State = ClientInviteState.Accepted;
                Dispose(ref _timerA);
                Dispose(ref _timerB);
                _timerM = Context.StartTimer(Context.Timers.TransactionTimeout, Finish);
                OnResponse(response);
                break;
            case ClientInviteState.Calling or ClientInviteState.Proceeding:
                // RFC 3261 §17.1.1.2: non-2xx final: ACK it, pass it up, linger in Completed for Timer D.
                State = ClientInviteState.Completed;
                Dispose(ref _timerA);
                Dispose(ref _timerB);
                _ack = BuildAck(response).ToArray();
                Transmit(_ack);
                _timerD = Context.StartTimer(Reliable ? TimeSpan.Zero : Context.Timers.TimerD, Finish);
                OnResponse(response);
                break;
            case ClientInviteState.Completed when status >= 300:
                // Retransmitted final response: the ACK was lost, send it again.
                Context.Metrics.RetransmissionAbsorbed();
                Context.Metrics.Retransmitted();
                Transmit(_ack!);
                break;
            case ClientInviteState.Accepted when status is >= 200 and < 300:
                OnResponse(response);
                break;
            default:
                // RFC 3261 §17.1.1.2 and the issue: a 180 after the 200 OK is ignored.
                Context.Metrics.RetransmissionAbsorbed();
                break;
        }
    }

    public override void Abandon()
    {
        DisposeTimers();
        State = ClientInviteState.Terminated;
        Terminate();
    }

    /// <summary>RFC 3261 §17.1.1.3: the ACK for a non-2xx final response.</summary>
    internal SipMessageBuilder BuildAck(SipMessage response)
    {
        SipMessageBuilder ack = SipMessageBuilder.Request(SipMethods.Ack, Request.RequestUri);
        ack.Add(SipHeaderKind.Via, Request.Get(SipHeaderKind.Via)!);
        foreach ((SipHeaderKind kind, _, string value) in Request.Headers)
        {
            if (kind == SipHeaderKind.Route)
            {
                ack.Add(SipHeaderKind.Route, value);
            }
        }

        ack.Add(SipHeaderKind.MaxForwards, "70");
        ack.Add(SipHeaderKind.From, Request.Get(SipHeaderKind.From)!);
        ack.Add(SipHeaderKind.To, response.GetHeader(SipHeaderKind.To) ?? Request.Get(SipHeaderKind.To)!);
        ack.Add(SipHeaderKind.CallId, Request.Get(SipHeaderKind.CallId)!);
        long number = SipCSeq.TryParse(Request.Get(SipHeaderKind.CSeq)!, out SipCSeq? cseq) ? cseq.Number : 1;
        ack.Add(SipHeaderKind.CSeq, $"{number} ACK");
        return ack;
    }

    protected override void TransportFailed()
    {
        if (State is ClientInviteState.Calling or ClientInviteState.Proceeding)
        {
            DisposeTimers();
            State = ClientInviteState.Terminated;
            Terminate();
            OnFailure(SipTransactionFailure.TransportError);
        }
    }

    private void OnTimerA()
    {
        if (State != ClientInviteState.Calling)
        {
            return;
        }

        // RFC 3261 §17.1.1.2: retransmit and double Timer A (INVITE has no T2 cap).
        Context.Metrics.Retransmitted();
        Transmit(RequestBytes);
        _intervalA *= 2;
        _timerA = Context.StartTimer(_intervalA, OnTimerA);
    }

    private void OnTimerB()
    {
        if (State is ClientInviteState.Calling or ClientInviteState.Proceeding)
        {
            DisposeTimers();
            State = ClientInviteState.Terminated;
            Terminate();
            OnFailure(SipTransactionFailure.Timeout);
        }
    }

    private void Finish()
    {
        DisposeTimers();
        State = ClientInviteState.Terminated;
        Terminate();
    }

    private void DisposeTimers()
    {
        Dispose(ref _timerA);
        Dispose(ref _timerB);
        Dispose(ref _timerD);
        Dispose(ref _timerM);
    }

    private static void Dispose(ref SipTimer? timer)
    {
        timer?.Dispose();
        timer = null;
    }
}
