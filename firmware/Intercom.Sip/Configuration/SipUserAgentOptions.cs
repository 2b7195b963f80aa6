using Intercom.Sip.Core;

namespace Intercom.Sip.Configuration;

/// <summary>Options of one <see cref="UserAgent.SipUserAgent"/>.</summary>
public sealed class SipUserAgentOptions
{
    /// <summary>Sockets and TLS.</summary>
    public SipTransportOptions Transport { get; set; } = new();

    /// <summary>Per-source rate limit and ban list against scanners and floods.</summary>
    public SipBanListOptions BanList { get; set; } = new();

    /// <summary>Accounts in failover order: calls go out through the first registered one.</summary>
    public IList<SipAccountOptions> Accounts { get; } = new List<SipAccountOptions>();

    /// <summary>The User-Agent and Server header value.</summary>
    public string ProductName { get; set; } = "Intercom";

    /// <summary>
    /// Most server transactions alive at once for requests outside a dialog; beyond it new ones are dropped unanswered
    /// (a flood of INVITEs that never ACK their 403 would otherwise keep 32 s of retransmitting transactions each).
    /// </summary>
    public int MaximumServerTransactions { get; set; } = 500;

    /// <summary>RFC 3261 timer values.</summary>
    public SipTimerSettings Timers { get; set; } = new();

    /// <summary>RFC 4028 session interval we ask for; zero disables session timers.</summary>
    public TimeSpan SessionExpires { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>RFC 4028 §4: smallest session interval we accept (Min-SE, at least 90 s).</summary>
    public TimeSpan MinimumSessionExpires { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Content types accepted in INVITE bodies (anything else gets 415, RFC 3261 §21.4.13).</summary>
    public IList<string> AcceptedContentTypes { get; } = new List<string> { "application/sdp" };

    /// <summary>Switch the SIP trace on from the start (it can be toggled at run time too).</summary>
    public bool TraceEnabled { get; set; }

    /// <summary>Returns one message per invalid field; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(Transport.Validate());
        errors.AddRange(BanList.Validate().Select(static message => "BanList." + message));
        if (Accounts.Count > 2)
        {
            errors.Add("Accounts: at most two accounts (primary and failover) are supported.");
        }

        foreach (SipAccountOptions account in Accounts)
        {
            errors.AddRange(account.Validate());
        }

        if (Accounts.Select(a => a.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != Accounts.Count)
        {
            errors.Add("Accounts: names must be unique.");
        }

        if (MaximumServerTransactions is < 10 or > 100_000)
        {
            errors.Add($"MaximumServerTransactions: {MaximumServerTransactions} is out of range; use 10-100000 (500 by default).");
        }

        if (string.IsNullOrWhiteSpace(ProductName))
        {
            errors.Add("ProductName: must not be empty.");
        }

        if (Timers.T1 <= TimeSpan.Zero || Timers.T2 < Timers.T1 || Timers.T4 <= TimeSpan.Zero)
        {
            errors.Add("Timers: T1 and T4 must be positive and T2 not below T1.");
        }

        if (SessionExpires != TimeSpan.Zero && SessionExpires < MinimumSessionExpires)
        {
            errors.Add("SessionExpires: must be zero (off) or at least MinimumSessionExpires.");
        }

        if (MinimumSessionExpires < TimeSpan.FromSeconds(90))
        {
            errors.Add("MinimumSessionExpires: RFC 4028 requires at least 90 seconds.");
        }

        return errors;
    }
}
