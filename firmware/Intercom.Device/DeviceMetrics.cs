using System.Diagnostics.Metrics;

namespace Intercom.Device;

/// <summary>Counters of the device host (meter <c>Intercom.Device</c>).</summary>
internal static class DeviceMetrics
{
    private static readonly Meter Meter = new("Intercom.Device");

    public static readonly Counter<long> WatchdogPings = Meter.CreateCounter<long>("intercom.device.watchdog.pings", description: "WATCHDOG=1 notifications sent to systemd.");

    public static readonly Counter<long> WatchdogWithheld = Meter.CreateCounter<long>("intercom.device.watchdog.withheld", description: "Watchdog ticks skipped because a liveness probe was stale.");
}
