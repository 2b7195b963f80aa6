namespace Intercom.Web.Station;

/// <summary>One SIP account's registration, as the installer needs to see it.</summary>
/// <param name="Name">The account's configured name.</param>
/// <param name="State"><c>disabled</c>, <c>registering</c>, <c>registered</c> or <c>failed</c>.</param>
/// <param name="Registrar">The registrar URI.</param>
/// <param name="LastResponseCode">The last SIP status code received for REGISTER (e.g. 200, 401, 403); null before any.</param>
/// <param name="LastResponseReason">Its reason phrase or our explanation (timeout, DNS failure).</param>
/// <param name="ExpiresInSeconds">Seconds until the registration runs out; null when not registered.</param>
public sealed record AccountStatus(string Name, string State, string Registrar, int? LastResponseCode, string? LastResponseReason, double? ExpiresInSeconds);
