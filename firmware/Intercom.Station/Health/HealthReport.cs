namespace Intercom.Station.Health;

/// <summary>The state of every registered liveness probe.</summary>
/// <param name="Healthy">True when every probe is fresh.</param>
/// <param name="Probes">Every probe, in registration order.</param>
public sealed record HealthReport(bool Healthy, IReadOnlyList<ProbeStatus> Probes);
