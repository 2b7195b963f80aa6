using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using System.Threading.Channels;
using Intercom.Sip.Configuration;
using Intercom.Sip.Core;
using Intercom.Sip.Diagnostics;
using Intercom.Sip.Messages;
using Intercom.Sip.Resolution;
using Intercom.Sip.Transactions;
using Intercom.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Intercom.Sip.UserAgent;

/// <summary>
/// A SIP user agent: transports, transactions, registrations of up to two accounts, outgoing and incoming calls.
/// One loop per instance runs every state machine; public operations return tasks and may be called from any thread.
/// </summary>
/// <example>
/// <code>
/// await using var agent = new SipUserAgent(options, TimeProvider.System, loggerFactory);
/// agent.InboundPolicy = info => info.ViaAccount is not null ? SipInboundDecision.Allow : SipInboundDecision.Forbidden;
/// await agent.StartAsync(ct);
/// SipCall call = await agent.CallAsync(new SipCallRequest { Target = "sip:620@fritz.box", Offer = sdp }, ct);
/// SipResponseInfo outcome = await call.Outcome;
/// </code>
/// </example>
public sealed partial class SipUserAgent : IAsyncDisposable
{
    /// <summary>Methods we accept (Allow header).</summary>
    internal const string AllowedMethods = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE";

    private readonly ILogger _logger;
    private readonly SipTransportLayer _transport;
    private readonly SipServerResolver _resolver;
    private readonly List<SipAccount> _accounts = [];
    private readonly Dictionary<string, SipCall> _calls = new(StringComparer.Ordinal);
    private readonly Channel<SipCall> _incoming = Channel.CreateUnbounded<SipCall>();
    private readonly SipLogRateLimiter _rejectLog;
    private readonly SipLogRateLimiter _overloadLog;
    private readonly bool _ownsMetrics;
    private int _started;
    private int _stopped;

    /// <summary>Creates a user agent. Nothing is bound until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Validated options (see <see cref="SipUserAgentOptions.Validate"/>).</param>
    /// <param name="timeProvider">Clock for every timer; null for the system clock.</param>
    /// <param name="loggerFactory">Logging; null for none.</param>
    /// <param name="dns">DNS for RFC 3263; null for the system resolvers.</param>
    /// <param name="metrics">Counters; null creates private ones.</param>
    public SipUserAgent(SipUserAgentOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, ISipDnsLookup? dns = null, SipMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid SIP options: " + string.Join(" ", errors), nameof(options));
        }

        Options = options;
        TimeProvider = timeProvider ?? TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger("Intercom.Sip");
        _ownsMetrics = metrics is null;
        Metrics = metrics ?? new SipMetrics();
        Trace = new SipTrace(loggerFactory.CreateLogger("Intercom.Sip.Trace"), options.TraceEnabled);
        Loop = new SipEventLoop(Logger);
        BanList = new SipBanList(options.BanList, TimeProvider, Metrics, Logger, IsAccountServer);
        _transport = new SipTransportLayer(options.Transport, TimeProvider, Metrics, Trace, Logger, BanList, (message, flow) => Loop.Post(() => HandleMessage(message, flow)));
        Transactions = new SipTransactionLayer(new SipTransactionContext(Loop, TimeProvider, options.Timers, _transport, Metrics, Logger));
        _resolver = new SipServerResolver(dns ?? new DnsClientSipDnsLookup());
        _rejectLog = new SipLogRateLimiter(TimeProvider, 10, TimeSpan.FromMinutes(1));
        _overloadLog = new SipLogRateLimiter(TimeProvider, 5, TimeSpan.FromMinutes(1));
        foreach (SipAccountOptions account in options.Accounts)
        {
            _accounts.Add(new SipAccount(this, account));
        }
    }

    /// <summary>The options in force.</summary>
    public SipUserAgentOptions Options { get; }

    /// <summary>The accounts in failover order.</summary>
    public IReadOnlyList<SipAccount> Accounts => _accounts;

    /// <summary>The SIP trace switch (credentials are always redacted).</summary>
    public SipTrace Trace { get; }

    /// <summary>Counters: malformed, dropped, retransmitted messages.</summary>
    public SipMetrics Metrics { get; }

    /// <summary>
    /// Decides who may call in. Runs on the loop for every new INVITE; keep it quick. The default rejects
    /// every call with 403 until the door station supplies its policy.
    /// </summary>
    public Func<SipIncomingCallInfo, SipInboundDecision> InboundPolicy { get; set; } = static _ => SipInboundDecision.Forbidden;

    /// <summary>Incoming calls the policy accepted; ring, answer or reject them.</summary>
    public ChannelReader<SipCall> IncomingCalls => _incoming.Reader;

    /// <summary>The bound UDP address, once started.</summary>
    public IPEndPoint? UdpEndPoint => _transport.UdpEndPoint;

    /// <summary>The bound TCP address, once started.</summary>
    public IPEndPoint? TcpEndPoint => _transport.TcpEndPoint;

    /// <summary>The bound TLS address, once started.</summary>
    public IPEndPoint? TlsEndPoint => _transport.TlsEndPoint;

    /// <summary>Number of live calls.</summary>
    public int CallCount => _calls.Count;

    internal SipEventLoop Loop { get; }

    /// <summary>The per-source rate limit and ban list (the accounts' servers are trusted).</summary>
    internal SipBanList BanList { get; }

    /// <summary>Source addresses banned right now (scanners, floods).</summary>
    public int BannedSourceCount => BanList.BannedCount;

    internal TimeProvider TimeProvider { get; }

    internal ILogger Logger => _logger;

    internal SipTransactionLayer Transactions { get; }

    /// <summary>Binds the sockets and starts registering the accounts.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("Already started.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        _transport.Start();
        return Loop.InvokeAsync(() =>
        {
            foreach (SipAccount account in _accounts)
            {
                account.Start();
            }
        });
    }

    /// <summary>The account calls go out through: the named one, else the first registered, else one that needs no registrar.</summary>
    public SipAccount? SelectAccount(string? name = null)
    {
        if (name is not null)
        {
            return _accounts.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
        }

        return _accounts.FirstOrDefault(a => a.Options.Enabled && a.IsRegistered)
            ?? _accounts.FirstOrDefault(a => a.Options.Enabled && !a.Registers)
            ?? _accounts.FirstOrDefault(a => a.Options.Enabled);
    }

    /// <summary>
    /// Places a call. Returns once the INVITE is under way; follow it with <see cref="SipCall.Outcome"/> and
    /// <see cref="SipCall.Events"/>. Several calls may run in parallel; hang up the others when one answers.
    /// </summary>
    public Task<SipCall> CallAsync(SipCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        SipAccount? account = SelectAccount(request.AccountName);
        if (request.AccountName is not null && account is null)
        {
            throw new ArgumentException($"No account named {request.AccountName}.", nameof(request));
        }

        if (!TryResolveTarget(request.Target, account, out SipUri? target))
        {
            throw new ArgumentException($"Cannot call '{request.Target}': use a sip:/sips: URI, user@host, an IP address, or a number with a registered account.", nameof(request));
        }

        return Loop.InvokeAsync(() =>
        {
            SipNameAddress from = account is null
                ? new SipNameAddress(SipUri.Create("intercom", "invalid"))
                : new SipNameAddress(account.AddressOfRecord, account.Options.DisplayName);
            SipUri nextHop = account?.DefaultNextHop is { } hop && !IsDirect(request.Target) ? hop : target;
            SipTransportPreference preference = account?.Options.Transport ?? SipTransportPreference.Auto;
            if (account is null || IsDirect(request.Target))
            {
                from = account is null ? FromForDirectCall(target) : from;
            }

            SipCall call = SipCall.CreateOutgoing(this, account, from, target, nextHop, preference, request);
            _calls[call.CallId] = call;
            call.StartOutgoing();
            return call;
        });
    }

    /// <summary>Sends an out-of-dialog OPTIONS (reachability check) and returns the final response.</summary>
    public Task<SipResponseInfo> SendOptionsAsync(string target, string? accountName = null)
    {
        SipAccount? account = SelectAccount(accountName);
        if (!TryResolveTarget(target, account, out SipUri? uri))
        {
            throw new ArgumentException($"Cannot resolve '{target}'.", nameof(target));
        }

        var result = new TaskCompletionSource<SipResponseInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        Loop.Post(() =>
        {
            SipMessageBuilder options = SipMessageBuilder.Request(SipMethods.Options, uri.ToString());
            options.Add(SipHeaderKind.MaxForwards, "70");
            SipUri fromUri = account?.AddressOfRecord ?? SipUri.Create("intercom", "invalid");
            options.Add(SipHeaderKind.From, $"<{fromUri}>;tag={NewToken(10)}");
            options.Add(SipHeaderKind.To, $"<{uri}>");
            options.Add(SipHeaderKind.CallId, NewToken(24));
            options.Add(SipHeaderKind.CSeq, "1 OPTIONS");
            options.Add(SipHeaderKind.Accept, "application/sdp");
            options.Add(SipHeaderKind.UserAgent, Options.ProductName);
            new SipRequestClient(this, options, uri, account?.Options.Transport ?? SipTransportPreference.Auto, account, null, null, response =>
            {
                if (response.StatusCode >= 200)
                {
                    result.TrySetResult(new SipResponseInfo(response.StatusCode, response.ReasonPhrase, SipCall.BodyOf(response)));
                }
            }, failure => result.TrySetResult(new SipResponseInfo(failure == SipTransactionFailure.Timeout ? 408 : 503, failure.ToString(), null))).Start();
        });
        return result.Task;
    }

    /// <summary>Hangs up every call, unregisters every account (bounded by the transaction timeout) and closes the sockets.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1 || Volatile.Read(ref _started) == 0)
        {
            return;
        }

        Task[] unregistering = await Loop.InvokeAsync(() =>
        {
            foreach (SipCall call in _calls.Values.ToArray())
            {
                if (call.State == SipCallState.Established)
                {
                    call.HangUpAsync();
                }
                else
                {
                    call.Terminate(SipCallEndReason.Shutdown, 503, "Shutting down");
                }
            }

            return _accounts.Select(a => a.UnregisterAsync()).ToArray();
        }).ConfigureAwait(false);

        try
        {
            await Task.WhenAll(unregistering).WaitAsync(Options.Timers.TransactionTimeout, TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogUnregisterTimedOut();
        }

        await Loop.InvokeAsync(() =>
        {
            foreach (SipAccount account in _accounts)
            {
                account.Stop();
            }

            Transactions.AbandonAll();
        }).ConfigureAwait(false);
        _incoming.Writer.TryComplete();
        await _transport.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _started) == 1)
        {
            await StopAsync().ConfigureAwait(false);
        }

        await Loop.DisposeAsync().ConfigureAwait(false);
        if (_ownsMetrics)
        {
            Metrics.Dispose();
        }
    }

    /// <summary>A random token of hex digits (tags, branches, Call-IDs, cnonces).</summary>
    internal static string NewToken(int hexDigits)
    {
        Span<byte> bytes = stackalloc byte[(hexDigits + 1) / 2];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes)[..hexDigits];
    }

    /// <summary>True for the address of a registrar or proxy one of the accounts uses: never banned.</summary>
    private bool IsAccountServer(IPAddress address)
    {
        foreach (SipAccount account in _accounts)
        {
            if (account.ServerEndPoint is { } server && (server.Address.IsIPv4MappedToIPv6 ? server.Address.MapToIPv4() : server.Address).Equals(address))
            {
                return true;
            }
        }

        return false;
    }

    internal SipTimer StartTimer(TimeSpan due, Action callback) => SipTimer.Start(TimeProvider, Loop, due, callback);

    internal void RemoveCall(SipCall call) => _calls.Remove(call.CallId);

    internal void TrackDialog(SipCall call) => _calls[call.CallId] = call;

    internal void SendRaw(SipFlow flow, byte[] bytes)
    {
        Metrics.Sent();
        _transport.Send(flow, bytes, null);
    }

    /// <summary>Resolves a URI (RFC 3263) and continues on the loop with the targets.</summary>
    internal void Resolve(SipUri uri, SipTransportPreference preference, Action<IReadOnlyList<SipResolvedTarget>> then)
    {
        Task<IReadOnlyList<SipResolvedTarget>> resolving = _resolver.ResolveAsync(uri, preference, CancellationToken.None);
        if (resolving.IsCompletedSuccessfully)
        {
            then(resolving.Result);
            return;
        }

        resolving.ContinueWith(
            t => Loop.Post(() => then(t.IsCompletedSuccessfully ? t.Result : [])),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Copies a request and adds the top Via (fresh branch, rport) and our Contact for the flow.</summary>
    internal SipMessageBuilder Stamp(SipMessageBuilder request, SipFlow flow, string? contactUser)
    {
        SipMessageBuilder stamped = request.Clone();
        IPAddress local = _transport.LocalAddressFor(flow.Remote.Address);
        string host = local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{local}]" : local.ToString();

        // RFC 3261 §8.1.1.7: branch starts with the magic cookie; RFC 3581 §3: rport asks for symmetric responses.
        stamped.Prepend(SipHeaderKind.Via, $"SIP/2.0/{flow.Transport.ViaName()} {host}:{_transport.LocalPortFor(flow.Transport)};rport;branch={SipVia.MagicCookie}{NewToken(20)}");
        if (contactUser is not null && stamped.Get(SipHeaderKind.Contact) is null && request.Method != SipMethods.Ack && request.Method != SipMethods.Cancel)
        {
            stamped.Add(SipHeaderKind.Contact, ContactFor(flow, contactUser));
        }

        return stamped;
    }

    /// <summary>Our Contact for a flow: the local address that reaches the peer and the port of the transport.</summary>
    internal string ContactFor(SipFlow flow, string? user)
    {
        IPAddress local = _transport.LocalAddressFor(flow.Remote.Address);
        string host = local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{local}]" : local.ToString();
        string transport = flow.Transport == SipTransportKind.Udp ? string.Empty : $";transport={flow.Transport.UriParameter()}";
        string userPart = string.IsNullOrEmpty(user) ? string.Empty : user + "@";
        return $"<sip:{userPart}{host}:{_transport.LocalPortFor(flow.Transport)}{transport}>";
    }

    /// <summary>Sends a request without a transaction (ACK for 2xx) and reports the bytes and flow used.</summary>
    internal void SendStateless(SipMessageBuilder request, SipUri nextHop, SipTransportPreference preference, SipFlow? fixedFlow, Action<byte[], SipFlow> sent)
    {
        void SendTo(SipFlow flow)
        {
            byte[] bytes = Stamp(request, flow, null).ToArray();
            SendRaw(flow, bytes);
            sent(bytes, flow);
        }

        if (fixedFlow is not null)
        {
            SendTo(fixedFlow);
            return;
        }

        Resolve(nextHop, preference, targets =>
        {
            if (targets.Count > 0)
            {
                SendTo(new SipFlow(targets[0].Transport, targets[0].EndPoint, targets[0].ServerName));
            }
        });
    }

    private static bool IsDirect(string target)
    {
        string host = target;
        int at = host.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            host = host[(at + 1)..];
        }
        else if (host.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || host.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            host = host[(host.IndexOf(':', StringComparison.Ordinal) + 1)..];
        }

        int end = host.IndexOfAny([';', '>']);
        host = end < 0 ? host : host[..end];
        return SipUri.TrySplitHostPort(host, out string? name, out _) && IPAddress.TryParse(name.Trim('[', ']'), out _);
    }

    private static bool TryResolveTarget(string text, SipAccount? account, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SipUri? uri)
    {
        string trimmed = text.Trim();
        if (trimmed.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            return SipUri.TryParse(trimmed, out uri) && uri.IsSip;
        }

        int at = trimmed.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            return SipUri.TryParse("sip:" + trimmed, out uri);
        }

        if (SipUri.TrySplitHostPort(trimmed, out string? host, out int? port) && IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            uri = SipUri.Create(null, host, port);
            return true;
        }

        if (account is not null && trimmed.Length > 0 && trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '*' or '#' or '+' or '-' or '.' or '_'))
        {
            uri = SipUri.Create(trimmed, account.AddressOfRecord.Host, account.AddressOfRecord.Port);
            return true;
        }

        uri = null;
        return false;
    }

    private SipNameAddress FromForDirectCall(SipUri target)
    {
        IPAddress local = IPAddress.TryParse(target.HostWithoutBrackets, out IPAddress? remote) ? _transport.LocalAddressFor(remote) : IPAddress.Loopback;
        return new SipNameAddress(SipUri.Create("intercom", local.ToString()), Options.ProductName);
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Unregistering did not finish in time")]
    private partial void LogUnregisterTimedOut();
}
