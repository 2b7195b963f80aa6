namespace Intercom.Sip.UserAgent;

/// <summary>A snapshot of an account's registration for the status page.</summary>
/// <param name="State">Current state.</param>
/// <param name="LastStatusCode">Status code of the last final response to REGISTER (408 for a timeout, 503 for a transport error), or 0.</param>
/// <param name="LastReasonPhrase">Its reason phrase.</param>
/// <param name="Expires">Granted lifetime of the binding while registered.</param>
/// <param name="Server">The registrar address last used, e.g. UDP:192.0.2.1:5060.</param>
public sealed record SipRegistrationStatus(SipRegistrationState State, int LastStatusCode, string LastReasonPhrase, TimeSpan Expires, string? Server);
