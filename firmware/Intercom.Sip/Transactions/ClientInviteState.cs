namespace Intercom.Sip.Transactions;

/// <summary>States of the INVITE client transaction (RFC 3261 Figure 5, RFC 6026 Figure 3).</summary>
public enum ClientInviteState
{
    Calling,
    Proceeding,
    Completed,
    Accepted,
    Terminated,
}
