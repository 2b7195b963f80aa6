namespace Intercom.Sip.Transactions;

/// <summary>States of the non-INVITE client transaction (RFC 3261 Figure 6).</summary>
public enum ClientNonInviteState
{
    Trying,
    Proceeding,
    Completed,
    Terminated,
}
