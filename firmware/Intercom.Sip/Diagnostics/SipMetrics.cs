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
    private readonly Counter<long> _banned;
    private readonly Counter<long> _banDropped;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _banListEvicted;
    private readonly Counter<long> _overloaded;
    private long _overloadedTotal;
    private long _malformedTotal;
    private long _droppedTotal;
    private long _retransmittedTotal;
    private long _absorbedTotal;
    private long _bannedTotal;
    private long _banDroppedTotal;
    private long _rateLimitedTotal;

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
        _banned = _meter.CreateCounter<long>("sip.sources.banned", "{address}", "Source addresses banned after repeated failures");
        _banDropped = _meter.CreateCounter<long>("sip.messages.ban_dropped", "{message}", "Messages and connections from banned addresses dropped unanswered");
        _rateLimited = _meter.CreateCounter<long>("sip.requests.rate_limited", "{request}", "New requests dropped because their source exceeded its request rate");
        _overloaded = _meter.CreateCounter<long>("sip.requests.overloaded", "{request}", "New requests dropped because the server transaction table was full");
        _banListEvicted = _meter.CreateCounter<long>("sip.sources.evicted", "{address}", "Tracked source addresses forgotten because the ban list was full");
    }

    /// <summary>Total malformed messages since start.</summary>
    public long MalformedTotal => Interlocked.Read(ref _malformedTotal);

    /// <summary>Total dropped messages since start.</summary>
    public long DroppedTotal => Interlocked.Read(ref _droppedTotal);

    /// <summary>Total messages we retransmitted since start.</summary>
    public long RetransmittedTotal => Interlocked.Read(ref _retransmittedTotal);

    /// <summary>Total peer retransmissions absorbed since start.</summary>
    public long RetransmissionsAbsorbedTotal => Interlocked.Read(ref _absorbedTotal);

    /// <summary>Total source addresses banned since start.</summary>
    public long BannedTotal => Interlocked.Read(ref _bannedTotal);

    /// <summary>Total messages and connections from banned addresses dropped since start.</summary>
    public long BanDroppedTotal => Interlocked.Read(ref _banDroppedTotal);

    /// <summary>Total requests dropped by the per-source rate limit since start.</summary>
    public long RateLimitedTotal => Interlocked.Read(ref _rateLimitedTotal);

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

    internal void Banned()
    {
        Interlocked.Increment(ref _bannedTotal);
        _banned.Add(1);
    }

    internal void BanDropped()
    {
        Interlocked.Increment(ref _banDroppedTotal);
        _banDropped.Add(1);
    }

    internal void RateLimited()
    {
        Interlocked.Increment(ref _rateLimitedTotal);
        _rateLimited.Add(1);
    }

    /// <summary>Total requests dropped because the server transaction table was full.</summary>
    public long OverloadedTotal => Interlocked.Read(ref _overloadedTotal);

    internal void Overloaded()
    {
        Interlocked.Increment(ref _overloadedTotal);
        _overloaded.Add(1);
    }

    internal void BanListEvicted(int count) => _banListEvicted.Add(count);

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();
}
