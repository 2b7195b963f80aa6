namespace Intercom.Sip.UserAgent;

/// <summary>Registration state of an account.</summary>
public enum SipRegistrationState
{
    /// <summary>The account does not register (disabled, or direct IP calls only).</summary>
    NotRegistering,

    /// <summary>A REGISTER is on its way.</summary>
    Registering,

    /// <summary>The registrar accepted our binding.</summary>
    Registered,

    /// <summary>The last attempt failed; a retry is scheduled.</summary>
    Failed,

    /// <summary>Unregistered on shutdown.</summary>
    Unregistered,
}
