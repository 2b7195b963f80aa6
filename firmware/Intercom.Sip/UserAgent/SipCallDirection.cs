namespace Intercom.Sip.UserAgent;

/// <summary>Who started the call.</summary>
public enum SipCallDirection
{
    /// <summary>We sent the INVITE.</summary>
    Outgoing,

    /// <summary>The peer sent the INVITE.</summary>
    Incoming,
}
