using System.Diagnostics.Metrics;

namespace Intercom.Station.Controller;

/// <summary>Counters of the door station (meter <c>Intercom.Station</c>).</summary>
internal static class StationMetrics
{
    private static readonly Meter Meter = new("Intercom.Station");

    public static readonly Counter<long> Calls = Meter.CreateCounter<long>("intercom.station.calls", description: "Calls started (visitor and inbound)");
    public static readonly Counter<long> CallsAnswered = Meter.CreateCounter<long>("intercom.station.calls_answered", description: "Calls answered");
    public static readonly Counter<long> DoorOpenings = Meter.CreateCounter<long>("intercom.station.door_openings", description: "Relays pulsed by door codes or the exit button");
    public static readonly Counter<long> WrongCodes = Meter.CreateCounter<long>("intercom.station.wrong_codes", description: "Wrong door codes");
    public static readonly Counter<long> AccountFailovers = Meter.CreateCounter<long>("intercom.station.account_failovers", description: "Call attempts retried through the next SIP account");
    public static readonly Counter<long> IgnoredDigits = Meter.CreateCounter<long>("intercom.station.ignored_digits", description: "DTMF digits ignored (not answered, not allowed)");
}
