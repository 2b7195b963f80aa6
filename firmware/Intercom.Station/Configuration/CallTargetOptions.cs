namespace Intercom.Station.Configuration;

/// <summary>One number a call plan rings: an extension on an account, a SIP URI, or a direct IP address.</summary>
public sealed class CallTargetOptions
{
    /// <summary>An extension (<c>**610</c>, sent to the account's domain), a <c>sip:</c>/<c>sips:</c> URI, or an IP address.</summary>
    public string Target { get; set; } = string.Empty;

    /// <summary>The account to call through; null uses the first registered one (failover order).</summary>
    public string? Account { get; set; }

    /// <summary>How long this target rings in a sequential plan before the next one is tried.</summary>
    public TimeSpan RingTime { get; set; } = TimeSpan.FromSeconds(20);
}
