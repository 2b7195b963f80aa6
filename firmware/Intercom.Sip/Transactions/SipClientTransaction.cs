using Intercom.Sip.Messages;
using Intercom.Sip.Transport;

namespace Intercom.Sip.Transactions;

/// <summary>Common part of the two client transactions (RFC 3261 §17.1).</summary>
internal abstract class SipClientTransaction
{
    protected SipClientTransaction(SipTransactionContext context, SipMessageBuilder request, SipFlow flow, Action<SipMessage> onResponse, Action<SipTransactionFailure> onFailure)
    {
        Context = context;
        Request = request;
        Flow = flow;
        OnResponse = onResponse;
        OnFailure = onFailure;
        RequestBytes = request.ToArray();
        Branch = SipVia.TryParse(request.Get(SipHeaderKind.Via) ?? string.Empty, out SipVia? via) ? via.Branch ?? string.Empty : string.Empty;
        Method = request.Method;
    }

    /// <summary>Raised once when the transaction reaches Terminated (the layer removes it).</summary>
    public event Action<SipClientTransaction>? Terminated;

    public SipMessageBuilder Request { get; }

    public byte[] RequestBytes { get; }

    public SipFlow Flow { get; }

    public string Branch { get; }

    public string Method { get; }

    public string Key => SipTransactionKeys.Client(Branch, Method);

    public bool IsTerminated { get; private set; }

    protected SipTransactionContext Context { get; }

    protected Action<SipMessage> OnResponse { get; }

    protected Action<SipTransactionFailure> OnFailure { get; }

    protected bool Reliable => Flow.Transport.IsReliable();

    /// <summary>Sends the request and starts the timers.</summary>
    public abstract void Start();

    /// <summary>A response matched to this transaction (RFC 3261 §17.1.3).</summary>
    public abstract void ReceiveResponse(SipMessage response);

    /// <summary>Stops all timers and removes the transaction without telling the TU (stack shutdown).</summary>
    public abstract void Abandon();

    protected void Transmit(byte[] bytes)
    {
        Context.Metrics.Sent();
        Context.Sender.Send(Flow, bytes, _ => Context.Loop.Post(TransportFailed));
    }

    protected abstract void TransportFailed();

    protected void Terminate()
    {
        if (IsTerminated)
        {
            return;
        }

        IsTerminated = true;
        Terminated?.Invoke(this);
    }
}
