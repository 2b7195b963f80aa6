namespace Intercom.Sip.UserAgent;

/// <summary>Something that happened on a call; read them from <see cref="SipCall.Events"/>.</summary>
public abstract record SipCallEvent;

/// <summary>A provisional response arrived (180 Ringing, 183 Session Progress with early media SDP).</summary>
public sealed record SipProvisionalResponseEvent(int StatusCode, string ReasonPhrase, SipBody? Body) : SipCallEvent;

/// <summary>The call was answered (outgoing: 2xx received; incoming: ACK received).</summary>
public sealed record SipCallAnsweredEvent(SipBody? Body) : SipCallEvent;

/// <summary>An in-dialog INFO arrived (DTMF as application/dtmf-relay or application/dtmf); it was answered 200.</summary>
public sealed record SipInfoReceivedEvent(SipBody? Body) : SipCallEvent;

/// <summary>The peer sent a re-INVITE or UPDATE (hold, unhold, refresh); <paramref name="Answer"/> is what we answered.</summary>
public sealed record SipReInviteReceivedEvent(SipBody? Offer, SipBody? Answer) : SipCallEvent;

/// <summary>The call ended.</summary>
public sealed record SipCallEndedEvent(SipCallEndReason Reason, int StatusCode, string ReasonPhrase) : SipCallEvent;
