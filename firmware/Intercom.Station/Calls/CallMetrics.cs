using System.Diagnostics.Metrics;
using Intercom.Media.Dtmf;

namespace Intercom.Station.Calls;

/// <summary>Counters of calls (meter <c>Intercom.Calls</c>).</summary>
internal static class CallMetrics
{
    private static readonly Meter Meter = new("Intercom.Calls");
    private static readonly Counter<long> Started = Meter.CreateCounter<long>("intercom.calls.started", description: "Calls set up, by direction");
    private static readonly Counter<long> Finished = Meter.CreateCounter<long>("intercom.calls.ended", description: "Calls ended, by reason");
    private static readonly Counter<long> Digits = Meter.CreateCounter<long>("intercom.calls.dtmf", description: "DTMF digits accepted, by transport");
    private static readonly Counter<long> Duplicates = Meter.CreateCounter<long>("intercom.calls.dtmf.duplicates", description: "DTMF digits dropped as copies from a second transport");
    private static readonly Counter<long> RtpTimeouts = Meter.CreateCounter<long>("intercom.calls.rtp_timeouts", description: "Calls ended because RTP stopped");

    public static void CallStarted(bool outgoing) => Started.Add(1, new KeyValuePair<string, object?>("direction", outgoing ? "outgoing" : "incoming"));

    public static void CallEnded(MediaCallEndReason reason) => Finished.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));

    public static void DigitAccepted(DtmfSource source) => Digits.Add(1, new KeyValuePair<string, object?>("source", source.ToString()));

    public static void DigitDuplicate() => Duplicates.Add(1);

    public static void RtpTimedOut() => RtpTimeouts.Add(1);
}
