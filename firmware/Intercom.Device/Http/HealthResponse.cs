namespace Intercom.Device.Http;

/// <summary>The health part of the status response.</summary>
/// <param name="Healthy">True when every liveness probe is fresh.</param>
/// <param name="Probes">Every probe.</param>
public sealed record HealthResponse(bool Healthy, IReadOnlyList<ProbeResponse> Probes);
