namespace Intercom.Device.Http;

/// <summary>One SIP account's registration in the status response (PRODUCT.md: the last response and reason, so a failed registration says why).</summary>
/// <param name="Name">The account.</param>
/// <param name="State">unregistered, registering, registered, failed, ...</param>
/// <param name="LastStatusCode">The registrar's last status code (0 before the first answer).</param>
/// <param name="LastReasonPhrase">Its reason phrase.</param>
/// <param name="Server">The registrar that answered.</param>
/// <param name="ExpiresSeconds">Seconds of registration granted.</param>
public sealed record SipAccountResponse(string Name, string State, int LastStatusCode, string LastReasonPhrase, string? Server, double ExpiresSeconds);
