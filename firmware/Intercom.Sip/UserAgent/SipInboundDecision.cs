namespace Intercom.Sip.UserAgent;

/// <summary>The inbound policy's verdict on a new INVITE.</summary>
/// <param name="Accept">True lets the call through to <see cref="SipUserAgent.IncomingCalls"/>.</param>
/// <param name="StatusCode">The rejection status when not accepted (403, 486, 603, ...).</param>
public readonly record struct SipInboundDecision(bool Accept, int StatusCode)
{
    /// <summary>Let the call in.</summary>
    public static SipInboundDecision Allow => new(true, 0);

    /// <summary>Reject with 403 Forbidden: the default until the door station supplies a policy.</summary>
    public static SipInboundDecision Forbidden => new(false, 403);

    /// <summary>Reject with a given status.</summary>
    public static SipInboundDecision Reject(int statusCode) => new(false, statusCode);
}
