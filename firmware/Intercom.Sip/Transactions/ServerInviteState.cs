namespace Intercom.Sip.Transactions;

/// <summary>States of the INVITE server transaction (RFC 3261 Figure 7, RFC 6026 Figure 5).</summary>
public enum ServerInviteState
{
    Proceeding,
    Completed,
    Confirmed,
    Accepted,
    Terminated,
}
