using System.Net;
using Intercom.Sip.Configuration;
using Intercom.Sip.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Intercom.Sip.Transport;

/// <summary>
/// Per-source-address defence of the transport: a token bucket limits new requests per address, and an address
/// that fails <see cref="SipBanListOptions.FailureLimit"/> times within the failure window (rejected requests,
/// unparsable messages, requests over the rate) is ignored for <see cref="SipBanListOptions.BanDuration"/>.
/// Banned datagrams are dropped before parsing and banned stream connections are closed. Trusted addresses (the
/// accounts' servers and the configured list) are never limited. Thread-safe; time comes from the injected clock.
/// </summary>
/// <remarks>
/// A silent drop, not a 403 or 503: any answer would tell a scanner that a SIP stack listens here, and an answer to a
/// spoofed source address would make the station a reflector (RFC 5390 §4, RFC 3261 §26.1.5 on denial of service).
/// </remarks>
internal sealed partial class SipBanList
{
    private readonly SipBanListOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SipMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Func<IPAddress, bool> _isTrustedPeer;
    private readonly HashSet<IPAddress> _trusted = [];
    private readonly SipLogRateLimiter _banLog;
    private readonly object _gate = new();
    private readonly Dictionary<IPAddress, SourceState> _sources = [];
    private int _activeBans;

    /// <param name="options">Validated options.</param>
    /// <param name="timeProvider">Clock of the windows, buckets and bans.</param>
    /// <param name="metrics">Counters for bans, banned drops and rate-limited requests.</param>
    /// <param name="logger">Each ban is logged (rate-limited); single failures are not.</param>
    /// <param name="isTrustedPeer">Extra trust decided at run time (the accounts' registrars); null for none.</param>
    public SipBanList(SipBanListOptions options, TimeProvider timeProvider, SipMetrics metrics, ILogger logger, Func<IPAddress, bool>? isTrustedPeer = null)
    {
        _options = options;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
        _isTrustedPeer = isTrustedPeer ?? (static _ => false);
        foreach (string address in options.TrustedAddresses)
        {
            if (IPAddress.TryParse(address, out IPAddress? parsed))
            {
                _trusted.Add(Normalize(parsed));
            }
        }

        _banLog = new SipLogRateLimiter(timeProvider, 10, TimeSpan.FromMinutes(1));
    }

    /// <summary>Addresses currently banned.</summary>
    public int BannedCount
    {
        get
        {
            lock (_gate)
            {
                long now = _timeProvider.GetTimestamp();
                int count = 0;
                foreach (SourceState state in _sources.Values)
                {
                    count += IsBannedAt(state, now) ? 1 : 0;
                }

                return count;
            }
        }
    }

    /// <summary>Addresses tracked (bounded by <see cref="SipBanListOptions.MaximumTrackedSources"/>).</summary>
    public int TrackedCount
    {
        get
        {
            lock (_gate)
            {
                return _sources.Count;
            }
        }
    }

    /// <summary>True when everything from <paramref name="source"/> is to be dropped now. Cheap while nobody is banned.</summary>
    public bool IsBanned(IPAddress source)
    {
        if (!_options.Enabled || Volatile.Read(ref _activeBans) == 0)
        {
            return false;
        }

        lock (_gate)
        {
            if (!_sources.TryGetValue(Normalize(source), out SourceState? state) || state.BannedAt == 0)
            {
                return false;
            }

            if (IsBannedAt(state, _timeProvider.GetTimestamp()))
            {
                return true;
            }

            Unban(state);
            return false;
        }
    }

    /// <summary>
    /// Takes a token for a new request from <paramref name="source"/>. False: over the rate; drop the request
    /// (it also counts as a failure, so a flood ends in a ban).
    /// </summary>
    public bool TryAdmitRequest(IPAddress source)
    {
        if (!_options.Enabled || IsTrusted(source))
        {
            return true;
        }

        bool admitted;
        bool banned = false;
        int failures = 0;
        IPAddress address = Normalize(source);
        lock (_gate)
        {
            long now = _timeProvider.GetTimestamp();
            SourceState state = Track(address, now);
            double elapsedSeconds = _timeProvider.GetElapsedTime(state.RefilledAt, now).TotalSeconds;
            state.Tokens = Math.Min(_options.RequestBurst, state.Tokens + (elapsedSeconds * _options.RequestsPerSecond));
            state.RefilledAt = now;
            admitted = state.Tokens >= 1;
            if (admitted)
            {
                state.Tokens -= 1;
            }
            else
            {
                banned = Fail(state, now, out failures);
            }
        }

        if (!admitted)
        {
            _metrics.RateLimited();
        }

        if (banned)
        {
            Banned(address, failures, "request rate");
        }

        return admitted;
    }

    /// <summary>Counts a failure of <paramref name="source"/>; returns true when this failure banned it.</summary>
    /// <param name="source">The sender.</param>
    /// <param name="reason">What failed (for the ban log line): a status code or a parse error, never message content.</param>
    public bool RecordFailure(IPAddress source, string reason)
    {
        if (!_options.Enabled || IsTrusted(source))
        {
            return false;
        }

        IPAddress address = Normalize(source);
        bool banned;
        int failures;
        lock (_gate)
        {
            long now = _timeProvider.GetTimestamp();
            banned = Fail(Track(address, now), now, out failures);
        }

        if (banned)
        {
            Banned(address, failures, reason);
        }

        return banned;
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private bool IsTrusted(IPAddress source)
    {
        IPAddress address = Normalize(source);
        return _trusted.Contains(address) || _isTrustedPeer(address);
    }

    private bool IsBannedAt(SourceState state, long now) => state.BannedAt != 0 && _timeProvider.GetElapsedTime(state.BannedAt, now) < _options.BanDuration;

    private bool Fail(SourceState state, long now, out int failures)
    {
        if (IsBannedAt(state, now))
        {
            failures = state.Failures;
            return false;
        }

        if (state.BannedAt != 0)
        {
            Unban(state);
        }

        if (state.Failures == 0 || _timeProvider.GetElapsedTime(state.WindowStartedAt, now) >= _options.FailureWindow)
        {
            state.WindowStartedAt = now;
            state.Failures = 0;
        }

        failures = ++state.Failures;
        if (failures < _options.FailureLimit)
        {
            return false;
        }

        // GetTimestamp is never 0 on a running clock; keep 0 free to mean "not banned".
        state.BannedAt = now == 0 ? 1 : now;
        Interlocked.Increment(ref _activeBans);
        return true;
    }

    private void Unban(SourceState state)
    {
        state.BannedAt = 0;
        state.Failures = 0;
        Interlocked.Decrement(ref _activeBans);
    }

    private SourceState Track(IPAddress address, long now)
    {
        if (_sources.TryGetValue(address, out SourceState? state))
        {
            state.SeenAt = now;
            return state;
        }

        if (_sources.Count >= _options.MaximumTrackedSources)
        {
            Evict(now);
        }

        state = new SourceState { SeenAt = now, RefilledAt = now, Tokens = _options.RequestBurst };
        _sources[address] = state;
        return state;
    }

    /// <summary>Forgets the least useful quarter: expired entries first, then quiet ones, bans last.</summary>
    private void Evict(long now)
    {
        var candidates = new List<KeyValuePair<IPAddress, SourceState>>(_sources);
        candidates.Sort((a, b) =>
        {
            int banned = IsBannedAt(a.Value, now).CompareTo(IsBannedAt(b.Value, now));
            return banned != 0 ? banned : a.Value.SeenAt.CompareTo(b.Value.SeenAt);
        });
        int remove = Math.Max(1, candidates.Count / 4);
        for (int i = 0; i < remove; i++)
        {
            if (candidates[i].Value.BannedAt != 0)
            {
                Interlocked.Decrement(ref _activeBans);
            }

            _sources.Remove(candidates[i].Key);
        }

        _metrics.BanListEvicted(remove);
    }

    private void Banned(IPAddress address, int failures, string reason)
    {
        _metrics.Banned();
        if (_banLog.TryAcquire(out int suppressed))
        {
            LogBanned(address.ToString(), failures, _options.BanDuration, reason, suppressed);
        }
    }

    [LoggerMessage(EventId = 1210, Level = LogLevel.Warning, Message = "SIP source {Address} banned for {BanDuration} after {Failures} failures (last: {Reason}); its messages are dropped unanswered ({Suppressed} similar lines suppressed)")]
    private partial void LogBanned(string address, int failures, TimeSpan banDuration, string reason, int suppressed);

    private sealed class SourceState
    {
        public long SeenAt;
        public long WindowStartedAt;
        public int Failures;
        public long BannedAt;
        public double Tokens;
        public long RefilledAt;
    }
}
