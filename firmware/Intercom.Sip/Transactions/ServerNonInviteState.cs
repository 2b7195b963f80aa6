namespace Intercom.Sip.Transactions;

/// <summary>States of the non-INVITE server transaction (RFC 3261 Figure 8).</summary>
public enum ServerNonInviteState
{
    Trying,
    Proceeding,
    Completed,
    Terminated,
}
