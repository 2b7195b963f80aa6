namespace Intercom.Web.Station;

/// <summary>The liveness probes.</summary>
/// <param name="Healthy">True when every probe is fresh.</param>
/// <param name="Probes">Every probe.</param>
public sealed record HealthSummary(bool Healthy, IReadOnlyList<ProbeSummary> Probes);
