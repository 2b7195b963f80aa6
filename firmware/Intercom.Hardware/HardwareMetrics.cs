using System.Diagnostics.Metrics;

namespace Intercom.Hardware;

/// <summary>Counters of the hardware layer (meter <c>Intercom.Hardware</c>).</summary>
internal static class HardwareMetrics
{
    private static readonly Meter Meter = new("Intercom.Hardware");

    public static readonly Counter<long> InputEdges = Meter.CreateCounter<long>("intercom.hardware.input.edges", description: "Raw edges seen on input lines.");

    public static readonly Counter<long> InputActivations = Meter.CreateCounter<long>("intercom.hardware.input.activations", description: "Debounced input activations (presses, door openings).");

    public static readonly Counter<long> RejectedPresses = Meter.CreateCounter<long>("intercom.hardware.input.rejected_presses", description: "Input activity shorter than the minimum press duration.");

    public static readonly Counter<long> RelayPulses = Meter.CreateCounter<long>("intercom.hardware.relay.pulses", description: "Relay pulses started.");

    public static readonly Counter<long> SupervisorForcedOff = Meter.CreateCounter<long>("intercom.hardware.relay.supervisor_forced_off", description: "Relays switched off by the supervisor after their maximum on-time.");

    public static readonly Counter<long> SupervisorErrors = Meter.CreateCounter<long>("intercom.hardware.relay.supervisor_errors", description: "Exceptions caught in the relay supervisor loop.");
}
