using System.Diagnostics.Metrics;

namespace Intercom.Sip.Diagnostics;

/// <summary>Counters of the SIP stack (meter "Intercom.Sip").</summary>
public sealed class SipMetrics : IDisposable
{
    /// <summary>The meter name to listen to.</summary>
    public const string MeterName = "Intercom.Sip";

    private readonly Meter _meter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _malformed;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _retransmitted;
    private readonly Counter<long> _retransmissionsAbsorbed;
    private long _malformedTotal;
    private long _droppedTotal;
    private long _retransmittedTotal;
    private long _absorbedTotal;

    /// <summary>Creates the counters.</summary>
    public SipMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _received = _meter.CreateCounter<long>("sip.messages.received", "{message}", "SIP messages received and parsed");
        _sent = _meter.CreateCounter<long>("sip.messages.sent", "{message}", "SIP messages sent");
        _malformed = _meter.CreateCounter<long>("sip.messages.malformed", "{message}", "Received messages that failed to parse or validate");
        _dropped = _meter.CreateCounter<long>("sip.messages.dropped", "{message}", "Received messages dropped (no transaction, oversized, stray response)");
        _retransmitted = _meter.CreateCounter<long>("sip.messages.retransmitted", "{message}", "Requests and responses we retransmitted");
        _retransmissionsAbsorbed = _meter.CreateCounter<long>("sip.messages.retransmissions_absorbed", "{message}", "Retransmissions from peers absorbed by a transaction");
    }

    /// <summary>Total malformed messages since start.</summary>
    public long MalformedTotal => Interlocked.Read(ref _malformedTotal);

    /// <summary>Total dropped messages since start.</summary>
    public long DroppedTotal => Interlocked.Read(ref _droppedTotal);

    /// <summary>Total messages we retransmitted since start.</summary>
    public long RetransmittedTotal => Interlocked.Read(ref _retransmittedTotal);

    /// <summary>Total peer retransmissions absorbed since start.</summary>
    public long RetransmissionsAbsorbedTotal => Interlocked.Read(ref _absorbedTotal);

    internal void Received() => _received.Add(1);

    internal void Sent() => _sent.Add(1);

    internal void Malformed()
    {
        Interlocked.Increment(ref _malformedTotal);
        _malformed.Add(1);
    }

    internal void Dropped()
    {
        Interlocked.Increment(ref _droppedTotal);
        _dropped.Add(1);
    }

    internal void Retransmitted()
    {
        Interlocked.Increment(ref _retransmittedTotal);
        _retransmitted.Add(1);
    }

    internal void RetransmissionAbsorbed()
    {
        Interlocked.Increment(ref _absorbedTotal);
        _retransmissionsAbsorbed.Add(1);
    }

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();
}
