using Intercom.Sip.Core;
using Intercom.Sip.Messages;
using Intercom.Sip.Transport;

namespace Intercom.Sip.Transactions;

/// <summary>RFC 3261 §17.2.1 INVITE server transaction with the Accepted state of RFC 6026 §7.1.</summary>
internal sealed class ServerInviteTransaction : SipServerTransaction
{
    private SipTimer? _timerG;
    private SipTimer? _timerH;
    private SipTimer? _timerI;
    private SipTimer? _timerL;
    private TimeSpan _intervalG;

    public ServerInviteTransaction(SipTransactionContext context, SipMessage request, SipFlow flow, string key)
        : base(context, request, flow, key)
    {
    }

    /// <summary>Raised when Timer H fires: the ACK for our error response never came.</summary>
    public event Action<ServerInviteTransaction>? AckTimedOut;

    public ServerInviteState State { get; private set; } = ServerInviteState.Proceeding;

    /// <summary>RFC 3261 §17.2.1: answer at once with 100 Trying so the client stops retransmitting.</summary>
    public void Start() => Respond(SipMessageBuilder.ResponseTo(Request, 100));

    public override void Respond(SipMessageBuilder response)
    {
        if (State != ServerInviteState.Proceeding)
        {
            return;
        }

        byte[] bytes = response.ToArray();
        LastResponse = bytes;
        Transmit(bytes);
        int status = response.StatusCode;
        if (status < 200)
        {
            return;
        }

        FinalStatusCode = status;
        if (status < 300)
        {
            // RFC 6026 §7.1: Accepted; the TU retransmits the 2xx until its ACK arrives (RFC 3261 §13.3.1.4).
            State = ServerInviteState.Accepted;
            _timerL = Context.StartTimer(Context.Timers.TransactionTimeout, Finish);
            return;
        }

        State = ServerInviteState.Completed;
        if (!Reliable)
        {
            _intervalG = Context.Timers.T1;
            _timerG = Context.StartTimer(_intervalG, OnTimerG);
        }

        _timerH = Context.StartTimer(Context.Timers.TransactionTimeout, OnTimerH);
    }

    public override void ReceiveRequest(SipMessage request)
    {
        if (request.Method == SipMethods.Ack)
        {
            if (State == ServerInviteState.Completed)
            {
                // RFC 3261 §17.2.1: ACK received; absorb further ACKs for Timer I.
                State = ServerInviteState.Confirmed;
                Dispose(ref _timerG);
                Dispose(ref _timerH);
                _timerI = Context.StartTimer(Reliable ? TimeSpan.Zero : Context.Timers.T4, Finish);
            }

            Context.Metrics.RetransmissionAbsorbed();
            return;
        }

        Context.Metrics.RetransmissionAbsorbed();
        if (State is ServerInviteState.Proceeding or ServerInviteState.Completed && LastResponse is not null)
        {
            Context.Metrics.Retransmitted();
            Transmit(LastResponse);
        }
    }

    public override void Abandon()
    {
        DisposeTimers();
        State = ServerInviteState.Terminated;
        Terminate();
    }

    private void OnTimerG()
    {
        if (State != ServerInviteState.Completed || LastResponse is null)
        {
            return;
        }

        // RFC 3261 §17.2.1: Timer G doubles up to T2.
        Context.Metrics.Retransmitted();
        Transmit(LastResponse);
        _intervalG = _intervalG * 2 < Context.Timers.T2 ? _intervalG * 2 : Context.Timers.T2;
        _timerG = Context.StartTimer(_intervalG, OnTimerG);
    }

    private void OnTimerH()
    {
        Finish();
        AckTimedOut?.Invoke(this);
    }

    private void Finish()
    {
        DisposeTimers();
        State = ServerInviteState.Terminated;
        Terminate();
    }

    private void DisposeTimers()
    {
        Dispose(ref _timerG);
        Dispose(ref _timerH);
        Dispose(ref _timerI);
        Dispose(ref _timerL);
    }

    private static void Dispose(ref SipTimer? timer)
    {
        timer?.Dispose();
        timer = null;
    }
}
