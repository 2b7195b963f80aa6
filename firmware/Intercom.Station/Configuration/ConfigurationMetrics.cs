using System.Diagnostics.Metrics;

namespace Intercom.Station.Configuration;

/// <summary>Counters of the configuration store (meter <c>Intercom.Configuration</c>).</summary>
internal static class ConfigurationMetrics
{
    private static readonly Meter Meter = new("Intercom.Configuration");

    public static readonly Counter<long> Rejected = Meter.CreateCounter<long>("intercom.configuration.rejected", description: "Run-time configuration changes rejected.");
}
