namespace Intercom.Sip.UserAgent;

/// <summary>
/// What <see cref="SipCall.OfferAnswerer"/> decides about an offer in a re-INVITE or UPDATE: an answer, or a
/// refusal that is sent as 488 Not Acceptable Here with a Warning (RFC 3264 §8: the session stays as it was).
/// </summary>
public sealed record SipOfferReply
{
    private SipOfferReply(SipBody? answer, string? refusal)
    {
        Answer = answer;
        Refusal = refusal;
    }

    /// <summary>The answer to send in the 2xx (null answers with the call's current local body).</summary>
    public SipBody? Answer { get; }

    /// <summary>Why the offer is refused (the Warning text of the 488), or null when it is answered.</summary>
    public string? Refusal { get; }

    /// <summary>True when the offer is refused.</summary>
    public bool IsRefused => Refusal is not null;

    /// <summary>Answers the offer.</summary>
    public static SipOfferReply Accept(SipBody? answer) => new(answer, null);

    /// <summary>Refuses the offer with 488 and <paramref name="reason"/> as the Warning text.</summary>
    public static SipOfferReply Refuse(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new SipOfferReply(null, reason);
    }

    /// <summary>An answer body is an accepting reply.</summary>
    public static implicit operator SipOfferReply(SipBody? answer) => Accept(answer);

    /// <summary>Named alternative to the implicit conversion.</summary>
    public static SipOfferReply FromSipBody(SipBody? answer) => Accept(answer);
}
