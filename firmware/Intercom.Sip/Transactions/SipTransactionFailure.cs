namespace Intercom.Sip.Transactions;

/// <summary>Why a client transaction ended without a final response.</summary>
public enum SipTransactionFailure
{
    /// <summary>Timer B or F fired (RFC 3261 §17.1.1.2, §17.1.2.2): treat as 408.</summary>
    Timeout,

    /// <summary>The transport reported an error (RFC 3261 §17.1.4): treat as 503.</summary>
    TransportError,
}
