using System.Globalization;
using System.Net;
using Intercom.Sip.Authentication;
using Intercom.Sip.Configuration;
using Intercom.Sip.Core;
using Intercom.Sip.Messages;
using Intercom.Sip.Transactions;
using Intercom.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Intercom.Sip.UserAgent;

/// <summary>
/// One configured account and its registration (RFC 3261 §10): REGISTER with digest, refresh before expiry,
/// backoff with jitter after failures, unregister on shutdown. Status is readable from any thread.
/// </summary>
public sealed partial class SipAccount
{
    private readonly SipUserAgent _agent;
    private readonly ILogger _logger;
    private readonly string _registrationCallId;
    private readonly string _localTag;
    private long _sequence;
    private int _failures;
    private SipTimer? _timer;
    private SipRequestClient? _pending;
    private volatile SipRegistrationStatus _status;
    private TimeSpan _requestedExpiry;
    private IPEndPoint? _serverEndPoint;

    internal SipAccount(SipUserAgent agent, SipAccountOptions options)
    {
        _agent = agent;
        _logger = agent.Logger;
        Options = options;
        _registrationCallId = SipUserAgent.NewToken(24);
        _localTag = SipUserAgent.NewToken(10);
        _requestedExpiry = options.RegistrationExpiry;
        Registrar = options.Registrar is not null && SipAccountOptions.TryParseServer(options.Registrar, out SipUri? registrar) ? registrar : null;
        OutboundProxy = options.OutboundProxy is not null && SipAccountOptions.TryParseServer(options.OutboundProxy, out SipUri? proxy) ? proxy : null;
        // The address of record: the configured domain (host[:port]) or the registrar's host.
        if (options.Domain is not null && SipUri.TrySplitHostPort(options.Domain, out string? domainHost, out int? domainPort))
        {
            AddressOfRecord = SipUri.Create(options.User, domainHost, domainPort, secure: Registrar?.IsSecure == true);
        }
        else
        {
            AddressOfRecord = SipUri.Create(options.User, Registrar?.Host ?? "invalid", secure: Registrar?.IsSecure == true);
        }
        _status = new SipRegistrationStatus(Registrar is null || !options.Enabled ? SipRegistrationState.NotRegistering : SipRegistrationState.Registering, 0, string.Empty, TimeSpan.Zero, null);
    }

    /// <summary>Raised (on the thread pool) whenever <see cref="Status"/> changes.</summary>
    public event EventHandler<SipRegistrationStatus>? StatusChanged;

    /// <summary>The account name.</summary>
    public string Name => Options.Name;

    /// <summary>The configuration.</summary>
    public SipAccountOptions Options { get; }

    /// <summary>The address of record (sip:user@domain).</summary>
    public SipUri AddressOfRecord { get; }

    /// <summary>The registrar, or null for an account that does not register.</summary>
    public SipUri? Registrar { get; }

    /// <summary>The outbound proxy, or null.</summary>
    public SipUri? OutboundProxy { get; }

    /// <summary>The current registration status (last response code and reason included).</summary>
    public SipRegistrationStatus Status => _status;

    /// <summary>True while the registrar holds our binding.</summary>
    public bool IsRegistered => _status.State == SipRegistrationState.Registered;

    /// <summary>True when the account registers at all.</summary>
    public bool Registers => Registrar is not null && Options.Enabled;

    /// <summary>The digest algorithm of the last challenge answered (for the status page), or null.</summary>
    public SipDigestAlgorithm? LastDigestAlgorithm => CachedChallenge?.Challenge.Algorithm;

    internal SipDigestAuthenticator Authenticator { get; } = new();

    /// <summary>
    /// RFC 3261 §22.3: the last challenge answered for this account, reused (with a growing nonce count) on
    /// the next request to the same realm so refreshes and calls skip a round trip until the nonce goes stale.
    /// </summary>
    internal (SipDigestChallenge Challenge, SipHeaderKind CredentialsKind)? CachedChallenge { get; set; }

    /// <summary>The address of the registrar or proxy we last talked to (to recognise calls it sends us).</summary>
    internal IPEndPoint? ServerEndPoint => _serverEndPoint;

    /// <summary>The next hop of out-of-dialog requests: the outbound proxy, else the registrar, else null.</summary>
    internal SipUri? DefaultNextHop => OutboundProxy ?? Registrar;

    /// <summary>Adds Route for the outbound proxy (RFC 3261 §8.1.2: a pre-loaded route set).</summary>
    internal void AddOutboundRoute(SipMessageBuilder request)
    {
        if (OutboundProxy is not null)
        {
            SipParameters parameters = OutboundProxy.Parameters.Clone();
            parameters.Set("lr", null);
            request.Prepend(SipHeaderKind.Route, $"<{OutboundProxy.With(parameters: parameters)}>");
        }
    }

    /// <summary>Registers now (a "test registration" button) and completes with the resulting status.</summary>
    public Task<SipRegistrationStatus> RegisterNowAsync()
    {
        if (!Registers)
        {
            return Task.FromResult(_status);
        }

        var done = new TaskCompletionSource<SipRegistrationStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        _agent.Loop.Post(() =>
        {
            _timer?.Dispose();
            _timer = null;
            SendRegister(_requestedExpiry, response =>
            {
                OnRegisterResponse(response);
                if (response.StatusCode >= 200)
                {
                    done.TrySetResult(_status);
                }
            }, failure =>
            {
                OnRegisterFailure(failure);
                done.TrySetResult(_status);
            });
        });
        return done.Task;
    }

    internal void Start()
    {
        if (Registers)
        {
            Register();
        }
    }

    /// <summary>Sends REGISTER with Expires: 0 and completes when answered or after the transaction timeout.</summary>
    internal Task UnregisterAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _timer?.Dispose();
        _timer = null;
        if (!Registers || _status.State is SipRegistrationState.NotRegistering)
        {
            done.TrySetResult();
            return done.Task;
        }

        bool wasRegistered = _status.State == SipRegistrationState.Registered;
        if (!wasRegistered)
        {
            SetStatus(SipRegistrationState.Unregistered, _status.LastStatusCode, _status.LastReasonPhrase, TimeSpan.Zero);
            done.TrySetResult();
            return done.Task;
        }

        SendRegister(TimeSpan.Zero, response =>
        {
            SetStatus(SipRegistrationState.Unregistered, response.StatusCode, response.ReasonPhrase, TimeSpan.Zero);
            done.TrySetResult();
        }, failure =>
        {
            SetStatus(SipRegistrationState.Unregistered, failure == SipTransactionFailure.Timeout ? 408 : 503, failure.ToString(), TimeSpan.Zero);
            done.TrySetResult();
        });
        return done.Task;
    }

    internal void Stop()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private void Register()
    {
        _timer?.Dispose();
        _timer = null;
        if (_status.State != SipRegistrationState.Registered)
        {
            SetStatus(SipRegistrationState.Registering, _status.LastStatusCode, _status.LastReasonPhrase, TimeSpan.Zero);
        }

        SendRegister(_requestedExpiry, OnRegisterResponse, OnRegisterFailure);
    }

    private void SendRegister(TimeSpan expiry, Action<SipMessage> onFinal, Action<SipTransactionFailure> onFailure)
    {
        // RFC 3261 §10.2: Request-URI is the registrar's domain; To and From carry the address of record;
        // one Call-ID for all registrations from this UA; CSeq grows.
        SipUri registrar = Registrar!;
        string expirySeconds = ((long)expiry.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        SipMessageBuilder request = SipMessageBuilder.Request(SipMethods.Register, registrar.With(user: null).WithoutParameters().ToString());
        AddOutboundRoute(request);
        request.Add(SipHeaderKind.MaxForwards, "70");
        string aor = $"<{AddressOfRecord}>";
        request.Add(SipHeaderKind.From, (Options.DisplayName is { Length: > 0 } name ? new SipNameAddress(AddressOfRecord, name).ToString() : aor) + ";tag=" + _localTag);
        request.Add(SipHeaderKind.To, aor);
        request.Add(SipHeaderKind.CallId, _registrationCallId);
        request.Add(SipHeaderKind.CSeq, string.Create(CultureInfo.InvariantCulture, $"{++_sequence} REGISTER"));
        request.Add(SipHeaderKind.Expires, expirySeconds);
        request.Add(SipHeaderKind.Allow, SipUserAgent.AllowedMethods);
        request.Add(SipHeaderKind.UserAgent, _agent.Options.ProductName);

        var client = new SipRequestClient(_agent, request, DefaultNextHop!, Options.Transport, this, Options.User, null, response =>
        {
            if (response.StatusCode < 200)
            {
                return;
            }

            SyncSequence(request);
            onFinal(response);
        }, onFailure);
        _pending = client;
        client.Start();
    }

    private void SyncSequence(SipMessageBuilder request)
    {
        if (SipCSeq.TryParse(request.Get(SipHeaderKind.CSeq) ?? string.Empty, out SipCSeq? cseq))
        {
            _sequence = Math.Max(_sequence, cseq.Number);
        }
    }

    private void OnRegisterResponse(SipMessage response)
    {
        _serverEndPoint = _pending?.Flow?.Remote;
        int status = response.StatusCode;
        if (status is >= 200 and < 300)
        {
            _failures = 0;
            TimeSpan granted = GrantedExpiry(response);

            // Refresh well before the binding runs out (the timer exists before anyone sees Registered).
            TimeSpan refresh = granted > TimeSpan.FromSeconds(120) ? granted - TimeSpan.FromSeconds(60) : granted / 2;
            _timer?.Dispose();
            _timer = _agent.StartTimer(refresh, Register);
            SetStatus(SipRegistrationState.Registered, status, response.ReasonPhrase, granted);
            LogRegistered(Name, (int)granted.TotalSeconds);
            return;
        }

        if (status is 401 or 403 or 407)
        {
            CachedChallenge = null;
        }

        // RFC 3261 §10.2.8: 423 Interval Too Brief names the smallest acceptable expiry.
        if (status == 423 && response.TryGetHeader(SipHeaderKind.MinExpires, out ReadOnlySpan<byte> minimum)
            && SipGrammar.TryParseDecimal(SipGrammar.Trim(minimum), out long seconds) && TimeSpan.FromSeconds(seconds) > _requestedExpiry)
        {
            _requestedExpiry = TimeSpan.FromSeconds(seconds);
            Register();
            return;
        }

        TimeSpan? retryAfter = response.TryGetHeader(SipHeaderKind.RetryAfter, out ReadOnlySpan<byte> retry)
            && SipGrammar.TryParseDecimal(SipGrammar.Trim(retry).SplitFirstToken(), out long retrySeconds) ? TimeSpan.FromSeconds(retrySeconds) : null;
        Failed(status, response.ReasonPhrase, retryAfter);
    }

    private void OnRegisterFailure(SipTransactionFailure failure) =>
        Failed(failure == SipTransactionFailure.Timeout ? 408 : 503, failure == SipTransactionFailure.Timeout ? "Request Timeout (no response)" : "Service Unavailable (transport error)", null);

    private void Failed(int status, string reason, TimeSpan? retryAfter)
    {
        _failures++;

        // RFC 5626 §4.5: wait base * 2^failures, capped, times a random factor between 50 and 100 percent.
        double backoff = Math.Min(Options.RetryMaximum.TotalSeconds, Options.RetryMinimum.TotalSeconds * Math.Pow(2, Math.Min(_failures - 1, 16)));
        TimeSpan wait = retryAfter ?? TimeSpan.FromSeconds(backoff * (0.5 + (Random.Shared.NextDouble() * 0.5)));
        _timer?.Dispose();
        _timer = _agent.StartTimer(wait, Register);
        SetStatus(SipRegistrationState.Failed, status, reason, TimeSpan.Zero);
        LogRegistrationFailed(Name, status, reason, (int)wait.TotalSeconds);
    }

    private TimeSpan GrantedExpiry(SipMessage response)
    {
        // RFC 3261 §10.2.4: the expires parameter of our Contact in the 2xx, else the Expires header.
        string? contactHost = _pending?.Sent?.Get(SipHeaderKind.Contact);
        foreach (ReadOnlySpan<byte> value in response.GetHeaderValues(SipHeaderKind.Contact))
        {
            if (SipNameAddress.TryParse(System.Text.Encoding.UTF8.GetString(value), out SipNameAddress? contact)
                && contactHost is not null && contactHost.Contains(contact.Uri.Host, StringComparison.OrdinalIgnoreCase)
                && string.Equals(contact.Uri.User, Options.User, StringComparison.Ordinal)
                && long.TryParse(contact.Parameters.Get("expires"), NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        if (response.TryGetHeader(SipHeaderKind.Expires, out ReadOnlySpan<byte> expires) && SipGrammar.TryParseDecimal(SipGrammar.Trim(expires), out long header))
        {
            return TimeSpan.FromSeconds(header);
        }

        return _requestedExpiry;
    }

    private void SetStatus(SipRegistrationState state, int status, string reason, TimeSpan expires)
    {
        var next = new SipRegistrationStatus(state, status, reason, expires, _pending?.Flow?.ToString());
        _status = next;
        EventHandler<SipRegistrationStatus>? handler = StatusChanged;
        if (handler is not null)
        {
            ThreadPool.QueueUserWorkItem(_ => handler(this, next));
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Account {Account} registered for {ExpirySeconds} s")]
    private partial void LogRegistered(string account, int expirySeconds);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Account {Account} registration failed: {StatusCode} {Reason}; retry in {RetrySeconds} s")]
    private partial void LogRegistrationFailed(string account, int statusCode, string reason, int retrySeconds);
}
