namespace Intercom.Station.Configuration;

/// <summary>
/// Who may use the web page and the API: <c>security</c>. Holds only hashes, never a password or token in clear;
/// the web page neither shows nor exports this section.
/// </summary>
public sealed class SecurityOptions
{
    /// <summary>
    /// The administrator's password hash (<c>pbkdf2-sha256$iterations$salt$hash</c>, base64); empty until the first
    /// visit of the web page sets it (there is no default password).
    /// </summary>
    public string AdminPasswordHash { get; set; } = "";

    /// <summary>API tokens for home automation, each stored as a hash with its scopes.</summary>
    public IReadOnlyList<ApiTokenOptions> ApiTokens { get; set; } = [];
}
