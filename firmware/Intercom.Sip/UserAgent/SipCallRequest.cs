namespace Intercom.Sip.UserAgent;

/// <summary>What to call and with which offer.</summary>
public sealed class SipCallRequest
{
    /// <summary>Target: a sip:/sips: URI, user@host, a bare number (sent to the account's domain), or an IP address.</summary>
    public required string Target { get; init; }

    /// <summary>Account to use; null picks the first registered account (failover order).</summary>
    public string? AccountName { get; init; }

    /// <summary>The offer (usually SDP) or null for a late offer.</summary>
    public SipBody? Offer { get; init; }

    /// <summary>Extra header fields (e.g. Alert-Info) added to the INVITE.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ExtraHeaders { get; init; } = [];
}
