namespace Intercom.Web.Security;

/// <summary>Whether a login attempt may be checked now.</summary>
/// <param name="Allowed">True when the password may be checked.</param>
/// <param name="RetryAfter">How long to wait before the next attempt, when not allowed.</param>
/// <param name="LockedOut">True when the client address or the whole device is locked out (not just a short delay).</param>
public readonly record struct LoginGate(bool Allowed, TimeSpan RetryAfter, bool LockedOut)
{
    /// <summary>The attempt may go ahead.</summary>
    public static LoginGate Open => new(true, TimeSpan.Zero, false);
}
