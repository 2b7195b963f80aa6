namespace Intercom.Station.Calls;

/// <summary>How a call ended: the reason, the SIP status that went with it and a sentence for the log and the status page.</summary>
/// <param name="Reason">The reason.</param>
/// <param name="StatusCode">The SIP status: final response of a failed INVITE, 200 after BYE, 487 after CANCEL.</param>
/// <param name="Detail">What happened in words, e.g. "SRTP is mandatory for this account but the offer has no usable a=crypto".</param>
public sealed record MediaCallEnd(MediaCallEndReason Reason, int StatusCode, string Detail);
