namespace Intercom.Sip.UserAgent;

/// <summary>Life of a call.</summary>
public enum SipCallState
{
    /// <summary>INVITE sent or received, no provisional response yet.</summary>
    Calling,

    /// <summary>A provisional response (180/183) was sent or received.</summary>
    Early,

    /// <summary>2xx sent or received: the dialog is confirmed.</summary>
    Established,

    /// <summary>The call is over.</summary>
    Terminated,
}
