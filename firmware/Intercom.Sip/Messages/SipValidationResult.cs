namespace Intercom.Sip.Messages;

/// <summary>Verdict of <see cref="SipMessageValidator"/>: valid, or the status code and reason to reject with.</summary>
public readonly record struct SipValidationResult(int StatusCode, string? Reason)
{
    /// <summary>The message may be processed.</summary>
    public static SipValidationResult Valid => new(0, null);

    /// <summary>True when the message may be processed.</summary>
    public bool IsValid => StatusCode == 0;

    internal static SipValidationResult Reject(int statusCode, string reason) => new(statusCode, reason);
}
