namespace Intercom.Station.Configuration;

/// <summary>Who may call the door station: <c>station.inbound</c>. Everyone not listed gets 403.</summary>
public sealed class InboundPolicyOptions
{
    /// <summary>The allow-list; empty rejects every inbound call.</summary>
    public IReadOnlyList<InboundCallerOptions> Callers { get; set; } = [];

    /// <summary>True accepts only INVITEs that come from a configured account's registrar or outbound proxy address.</summary>
    public bool OnlyFromRegistrar { get; set; }
}
