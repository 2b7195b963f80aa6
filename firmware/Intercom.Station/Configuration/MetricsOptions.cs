namespace Intercom.Station.Configuration;

/// <summary>The <c>metrics</c> section: who may read <c>/metrics</c>.</summary>
public sealed class MetricsOptions
{
    /// <summary>
    /// Serve <c>/metrics</c> without a token (for a Prometheus on a trusted network). Off by default: a scraper then
    /// sends an API token with the <c>read</c> scope.
    /// </summary>
    public bool AllowAnonymous { get; set; }
}
