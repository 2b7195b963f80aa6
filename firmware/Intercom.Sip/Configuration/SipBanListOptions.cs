using System.Net;

namespace Intercom.Sip.Configuration;

/// <summary>
/// The per-source ban list of the SIP transport: a source address that keeps failing (requests we reject,
/// messages we cannot parse, requests above the rate limit) is ignored for a while. Scanners and floods then
/// cost one dictionary look-up per packet instead of a parse, a transaction and a response.
/// </summary>
public sealed class SipBanListOptions
{
    /// <summary>Switch the ban list and the per-source rate limit on (default) or off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Failures from one address within <see cref="FailureWindow"/> that ban it.</summary>
    public int FailureLimit { get; set; } = 10;

    /// <summary>The window in which failures are counted.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a banned address is ignored.</summary>
    public TimeSpan BanDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>New requests per second one address may send on average (token bucket refill).</summary>
    public int RequestsPerSecond { get; set; } = 20;

    /// <summary>Requests one address may send in a burst (token bucket depth).</summary>
    public int RequestBurst { get; set; } = 60;

    /// <summary>Most addresses tracked at once; the least recently seen are forgotten first.</summary>
    public int MaximumTrackedSources { get; set; } = 4096;

    /// <summary>Addresses never rate-limited or banned (the PBX, a monitoring host). Registrars of the accounts are always trusted.</summary>
    public IList<string> TrustedAddresses { get; set; } = new List<string>();

    /// <summary>Returns one message per invalid field, naming it; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (FailureLimit is < 1 or > 10_000)
        {
            errors.Add($"FailureLimit: {FailureLimit} is out of range; use 1-10000 (10 by default).");
        }

        if (FailureWindow < TimeSpan.FromSeconds(1) || FailureWindow > TimeSpan.FromDays(1))
        {
            errors.Add($"FailureWindow: {FailureWindow} is out of range; use 1 s to 1 day (1 minute by default).");
        }

        if (BanDuration < TimeSpan.FromSeconds(1) || BanDuration > TimeSpan.FromDays(7))
        {
            errors.Add($"BanDuration: {BanDuration} is out of range; use 1 s to 7 days (10 minutes by default).");
        }

        if (RequestsPerSecond is < 1 or > 100_000)
        {
            errors.Add($"RequestsPerSecond: {RequestsPerSecond} is out of range; use 1-100000 (20 by default).");
        }

        if (RequestBurst < RequestsPerSecond || RequestBurst > 1_000_000)
        {
            errors.Add($"RequestBurst: {RequestBurst} must be at least RequestsPerSecond and at most 1000000 (60 by default).");
        }

        if (MaximumTrackedSources is < 16 or > 1_000_000)
        {
            errors.Add($"MaximumTrackedSources: {MaximumTrackedSources} is out of range; use 16-1000000 (4096 by default).");
        }

        foreach (string address in TrustedAddresses)
        {
            if (!IPAddress.TryParse(address, out _))
            {
                errors.Add($"TrustedAddresses: \"{address}\" is not an IP address.");
            }
        }

        return errors;
    }
}
