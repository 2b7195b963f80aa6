using Intercom.Sip.Messages;

namespace Intercom.Sip.Configuration;

/// <summary>One SIP account: identity, registrar, credentials, transport and timers.</summary>
public sealed class SipAccountOptions
{
    private static readonly System.Buffers.SearchValues<char> ForbiddenUserCharacters = System.Buffers.SearchValues.Create(" \t\r\n@:<>\"");

    /// <summary>Name shown on the status page and in logs.</summary>
    public string Name { get; set; } = "account";

    /// <summary>False keeps the account configured but unused.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>User part of the address of record, e.g. 620 or door.</summary>
    public string User { get; set; } = string.Empty;

    /// <summary>Domain of the address of record; defaults to the registrar host.</summary>
    public string? Domain { get; set; }

    /// <summary>Display name in From.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Registrar as host[:port] or a sip:/sips: URI; null for an account that does not register (direct IP calls).</summary>
    public string? Registrar { get; set; }

    /// <summary>Outbound proxy as host[:port] or URI; every request of this account is routed through it (RFC 3261 §8.1.2).</summary>
    public string? OutboundProxy { get; set; }

    /// <summary>Authentication user when it differs from <see cref="User"/> (3CX, FritzBox).</summary>
    public string? AuthUser { get; set; }

    /// <summary>Realm to answer; null answers any realm the server names.</summary>
    public string? Realm { get; set; }

    /// <summary>Password for digest authentication. Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>Transport towards the registrar and proxy.</summary>
    public SipTransportPreference Transport { get; set; } = SipTransportPreference.Auto;

    /// <summary>Requested registration lifetime (Expires).</summary>
    public TimeSpan RegistrationExpiry { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>First wait after a failed registration; doubles up to <see cref="RetryMaximum"/> with jitter (RFC 5626 §4.5).</summary>
    public TimeSpan RetryMinimum { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait between registration attempts.</summary>
    public TimeSpan RetryMaximum { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The authentication user in use.</summary>
    public string EffectiveAuthUser => string.IsNullOrEmpty(AuthUser) ? User : AuthUser;

    /// <summary>Returns one message per invalid field, naming the field and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("Name: give the account a name.");
        }

        if (string.IsNullOrWhiteSpace(User) || User.AsSpan().IndexOfAny(ForbiddenUserCharacters) >= 0)
        {
            errors.Add($"{Name}.User: required, without spaces, '@', ':', '<', '>' or quotes.");
        }

        if (Registrar is not null && !TryParseServer(Registrar, out _))
        {
            errors.Add($"{Name}.Registrar: use host, host:port or a sip:/sips: URI.");
        }

        if (OutboundProxy is not null && !TryParseServer(OutboundProxy, out _))
        {
            errors.Add($"{Name}.OutboundProxy: use host, host:port or a sip:/sips: URI.");
        }

        if (Registrar is null && Domain is null)
        {
            errors.Add($"{Name}.Domain: set a domain (or a registrar) so the account has an address.");
        }

        if (Domain is not null && !SipUri.TrySplitHostPort(Domain, out _, out _))
        {
            errors.Add($"{Name}.Domain: must be a host name or IP address.");
        }

        if (Registrar is not null && string.IsNullOrEmpty(Password))
        {
            errors.Add($"{Name}.Password: a registering account needs a password.");
        }

        if (RegistrationExpiry < TimeSpan.FromSeconds(60) || RegistrationExpiry > TimeSpan.FromDays(1))
        {
            errors.Add($"{Name}.RegistrationExpiry: use between 60 seconds and 1 day.");
        }

        if (RetryMinimum <= TimeSpan.Zero || RetryMaximum < RetryMinimum)
        {
            errors.Add($"{Name}.RetryMinimum/RetryMaximum: RetryMinimum must be positive and not above RetryMaximum.");
        }

        return errors;
    }

    /// <summary>Parses host[:port] or a sip:/sips: URI into a URI.</summary>
    public static bool TryParseServer(string text, out SipUri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string trimmed = text.Trim();
        if (trimmed.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            return SipUri.TryParse(trimmed, out uri) && uri.IsSip;
        }

        if (!SipUri.TrySplitHostPort(trimmed, out string? host, out int? port))
        {
            return false;
        }

        uri = SipUri.Create(null, host, port);
        return true;
    }
}
