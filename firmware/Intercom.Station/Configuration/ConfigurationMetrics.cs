using System.Diagnostics.Metrics;

namespace Intercom.Station.Configuration;

/// <summary>Counters of the configuration store (meter <c>Intercom.Configuration</c>).</summary>
internal static class ConfigurationMetrics
{
    private static readonly Meter Meter = new("Intercom.Configuration");

    private static int s_lastGoodInUse;

    public static readonly Counter<long> Rejected = Meter.CreateCounter<long>("intercom.configuration.rejected", description: "Run-time configuration changes rejected.");

    public static readonly ObservableGauge<int> LastGoodInUse = Meter.CreateObservableGauge(
        "intercom.configuration.last_good_in_use", () => Volatile.Read(ref s_lastGoodInUse),
        description: "1 while the service runs on the last good configuration because its file was refused at boot, else 0.");

    /// <summary>One store per process: it sets the gauge at start and clears it at the first successful save.</summary>
    public static void SetLastGoodInUse(bool inUse) => Volatile.Write(ref s_lastGoodInUse, inUse ? 1 : 0);
}
