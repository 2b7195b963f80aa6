using Intercom.Sip.Messages;
using Intercom.Sip.Transport;

namespace Intercom.Sip.Transactions;

/// <summary>Common part of the two server transactions (RFC 3261 §17.2).</summary>
internal abstract class SipServerTransaction
{
    protected SipServerTransaction(SipTransactionContext context, SipMessage request, SipFlow flow, string key)
    {
        Context = context;
        Request = request;
        Flow = flow;
        Key = key;
    }

    /// <summary>Raised once when the transaction reaches Terminated.</summary>
    public event Action<SipServerTransaction>? Terminated;

    public SipMessage Request { get; }

    /// <summary>Where the request came from; responses go back there (RFC 3261 §18.2.2, RFC 3581 §4).</summary>
    public SipFlow Flow { get; }

    public string Key { get; }

    public bool IsTerminated { get; private set; }

    /// <summary>The status code of the final response sent, or 0.</summary>
    public int FinalStatusCode { get; protected set; }

    protected SipTransactionContext Context { get; }

    protected bool Reliable => Flow.Transport.IsReliable();

    protected byte[]? LastResponse { get; set; }

    /// <summary>The TU sends a response through the transaction.</summary>
    public abstract void Respond(SipMessageBuilder response);

    /// <summary>A retransmitted request (or an ACK for the INVITE) matched this transaction.</summary>
    public abstract void ReceiveRequest(SipMessage request);

    public abstract void Abandon();

    protected void Transmit(byte[] bytes)
    {
        Context.Metrics.Sent();
        Context.Sender.Send(Flow, bytes, null);
    }

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
