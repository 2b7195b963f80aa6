namespace Intercom.Station.Controller;

/// <summary>How a call leg ended.</summary>
/// <param name="Reason">The reason in the station's terms.</param>
/// <param name="StatusCode">The SIP status code, 0 when none.</param>
/// <param name="Detail">The SIP reason phrase or a description.</param>
public sealed record CallLegEnd(CallLegEndReason Reason, int StatusCode, string Detail);
