namespace Intercom.Sip.Transactions;

/// <summary>Keys by which transactions are found (RFC 3261 §17.1.3 and §17.2.3).</summary>
internal static class SipTransactionKeys
{
    /// <summary>Client side: the branch of the top Via plus the CSeq method.</summary>
    public static string Client(string branch, string method) => string.Concat(branch, "|", method);

    /// <summary>Server side: branch, sent-by and method, with ACK matching its INVITE.</summary>
    public static string Server(string branch, string sentBy, string method) =>
        string.Concat(branch, "|", sentBy, "|", method == Messages.SipMethods.Ack ? Messages.SipMethods.Invite : method);
}
