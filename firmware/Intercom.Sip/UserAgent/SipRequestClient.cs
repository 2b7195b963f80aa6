using System.Globalization;
using Intercom.Sip.Authentication;
using Intercom.Sip.Configuration;
using Intercom.Sip.Messages;
using Intercom.Sip.Resolution;
using Intercom.Sip.Transactions;
using Intercom.Sip.Transport;

namespace Intercom.Sip.UserAgent;

/// <summary>
/// Sends one request through a client transaction and handles what every request needs around it:
/// RFC 3263 target failover (§4.3), 401/407 digest challenges (RFC 3261 §22.2), and CANCEL for INVITE (§9.1).
/// Runs on the stack loop.
/// </summary>
internal sealed class SipRequestClient
{
    private const int MaxAuthenticationAttempts = 3;
    private readonly SipUserAgent _agent;
    private readonly SipMessageBuilder _request;
    private readonly SipUri _nextHop;
    private readonly SipTransportPreference _preference;
    private readonly SipAccount? _account;
    private readonly string? _contactUser;
    private readonly SipFlow? _fixedFlow;
    private readonly Action<SipMessage> _onResponse;
    private readonly Action<SipTransactionFailure> _onFailure;
    private IReadOnlyList<SipResolvedTarget> _targets = [];
    private int _targetIndex;
    private int _authenticationAttempts;
    private SipClientTransaction? _transaction;
    private bool _cancelWanted;
    private bool _cancelSent;
    private bool _preAuthenticated;

    public SipRequestClient(SipUserAgent agent, SipMessageBuilder request, SipUri nextHop, SipTransportPreference preference, SipAccount? account, string? contactUser, SipFlow? fixedFlow, Action<SipMessage> onResponse, Action<SipTransactionFailure> onFailure)
    {
        _agent = agent;
        _request = request;
        _nextHop = nextHop;
        _preference = preference;
        _account = account;
        _contactUser = contactUser;
        _fixedFlow = fixedFlow;
        _onResponse = onResponse;
        _onFailure = onFailure;
    }

    /// <summary>The request as last sent (with Via, Contact, credentials).</summary>
    public SipMessageBuilder? Sent { get; private set; }

    /// <summary>The flow the request last went over.</summary>
    public SipFlow? Flow { get; private set; }

    /// <summary>True once a provisional response arrived (no failover after that, RFC 3263 §4.3).</summary>
    public bool ReceivedProvisional { get; private set; }

    /// <summary>True once a final response or failure was passed up.</summary>
    public bool Finished { get; private set; }

    /// <summary>Current CSeq number (grows with each authenticated retry).</summary>
    public long SequenceNumber => SipCSeq.TryParse(_request.Get(SipHeaderKind.CSeq) ?? string.Empty, out SipCSeq? c) ? c.Number : 0;

    public void Start()
    {
        PreAuthenticate();
        if (_fixedFlow is not null)
        {
            _targets = [new SipResolvedTarget(_fixedFlow.Transport, _fixedFlow.Remote, _fixedFlow.ServerName ?? _nextHop.HostWithoutBrackets)];
            SendToCurrentTarget();
            return;
        }

        _agent.Resolve(_nextHop, _preference, targets =>
        {
            _targets = targets;
            if (targets.Count == 0)
            {
                Fail(SipTransactionFailure.TransportError);
                return;
            }

            SendToCurrentTarget();
        });
    }

    /// <summary>RFC 3261 §9.1: cancel a pending INVITE; sent once a provisional response has arrived.</summary>
    public void Cancel()
    {
        _cancelWanted = true;
        if (ReceivedProvisional)
        {
            SendCancel();
        }
    }

    private void PreAuthenticate()
    {
        if (_account?.CachedChallenge is not { } cached || _account.Options.Password is not { Length: > 0 } password || _request.Method is SipMethods.Ack or SipMethods.Cancel)
        {
            return;
        }

        _preAuthenticated = true;
        _request.Set(cached.CredentialsKind, _account.Authenticator.CreateAuthorization(cached.Challenge, _account.Options.EffectiveAuthUser, password, _request.Method, _request.RequestUri, SipUserAgent.NewToken(16)));
    }

    private void SendToCurrentTarget()
    {
        SipResolvedTarget target = _targets[_targetIndex];
        Flow = _fixedFlow ?? new SipFlow(target.Transport, target.EndPoint, target.ServerName);
        Sent = _agent.Stamp(_request, Flow, _contactUser);
        _transaction = _agent.Transactions.SendRequest(Sent, Flow, OnResponse, OnFailure);
    }

    private void OnResponse(SipMessage response)
    {
        if (Finished && response.StatusCode >= 200 && !(response.StatusCode < 300 && _request.Method == SipMethods.Invite))
        {
            return;
        }

        if (response.StatusCode < 200)
        {
            ReceivedProvisional = true;
            if (_cancelWanted)
            {
                SendCancel();
            }

            _onResponse(response);
            return;
        }

        if (response.StatusCode is 401 or 407 && !_cancelWanted && TryAuthenticate(response))
        {
            SendToCurrentTarget();
            return;
        }

        Finished = true;
        _onResponse(response);
    }

    private void OnFailure(SipTransactionFailure failure)
    {
        // RFC 3263 §4.3: a timeout or transport error moves on to the next target if nothing was heard yet.
        if (!ReceivedProvisional && !_cancelWanted && _targetIndex + 1 < _targets.Count)
        {
            _targetIndex++;
            SendToCurrentTarget();
            return;
        }

        Fail(failure);
    }

    private void Fail(SipTransactionFailure failure)
    {
        if (Finished)
        {
            return;
        }

        Finished = true;
        _onFailure(failure);
    }

    private void SendCancel()
    {
        if (_cancelSent || Sent is null || Flow is null || _transaction is null || _transaction.IsTerminated || _request.Method != SipMethods.Invite)
        {
            return;
        }

        _cancelSent = true;

        // RFC 3261 §9.1: same Request-URI, Call-ID, To, From, CSeq number and top Via as the INVITE.
        SipMessageBuilder cancel = SipMessageBuilder.Request(SipMethods.Cancel, Sent.RequestUri);
        cancel.Add(SipHeaderKind.Via, Sent.Get(SipHeaderKind.Via)!);
        foreach ((SipHeaderKind kind, _, string value) in Sent.Headers)
        {
            if (kind == SipHeaderKind.Route)
            {
                cancel.Add(SipHeaderKind.Route, value);
            }
        }

        cancel.Add(SipHeaderKind.MaxForwards, "70");
        cancel.Add(SipHeaderKind.From, Sent.Get(SipHeaderKind.From)!);
        cancel.Add(SipHeaderKind.To, Sent.Get(SipHeaderKind.To)!);
        cancel.Add(SipHeaderKind.CallId, Sent.Get(SipHeaderKind.CallId)!);
        cancel.Add(SipHeaderKind.CSeq, string.Create(CultureInfo.InvariantCulture, $"{SequenceNumber} CANCEL"));
        cancel.Add(SipHeaderKind.UserAgent, _agent.Options.ProductName);
        _agent.Transactions.SendRequest(cancel, Flow, static _ => { }, static _ => { });
    }

    private bool TryAuthenticate(SipMessage response)
    {
        if (_account?.Options.Password is not { Length: > 0 } password || ++_authenticationAttempts > MaxAuthenticationAttempts)
        {
            return false;
        }

        bool proxy = response.StatusCode == 407;
        SipHeaderKind challengeKind = proxy ? SipHeaderKind.ProxyAuthenticate : SipHeaderKind.WwwAuthenticate;
        SipHeaderKind credentialsKind = proxy ? SipHeaderKind.ProxyAuthorization : SipHeaderKind.Authorization;
        string? realm = _account.Options.Realm;
        SipDigestChallenge? chosen = null;
        foreach (ReadOnlySpan<byte> line in response.GetHeaderLines(challengeKind))
        {
            // RFC 8760 §2.4 / RFC 7616 §3.7: use the first challenge whose algorithm we support.
            if (SipDigestChallenge.TryParse(System.Text.Encoding.UTF8.GetString(line), out SipDigestChallenge? challenge)
                && (string.IsNullOrEmpty(realm) || string.Equals(realm, challenge.Realm, StringComparison.Ordinal)))
            {
                chosen = challenge;
                break;
            }
        }

        if (chosen is null)
        {
            return false;
        }

        // A second challenge for the same realm that is not stale means the password was wrong.
        if (_authenticationAttempts > 1 && !chosen.Stale && _request.Get(credentialsKind) is not null && !_preAuthenticated)
        {
            return false;
        }

        _account.CachedChallenge = (chosen, credentialsKind);
        _preAuthenticated = false;
        string authorization = _account.Authenticator.CreateAuthorization(chosen, _account.Options.EffectiveAuthUser, password, _request.Method, _request.RequestUri, SipUserAgent.NewToken(16));
        _request.Set(credentialsKind, authorization);

        // RFC 3261 §22.2: the retried request carries a new CSeq number (and a new branch via Stamp).
        long number = SipCSeq.TryParse(_request.Get(SipHeaderKind.CSeq)!, out SipCSeq? cseq) ? cseq.Number : 1;
        _request.Set(SipHeaderKind.CSeq, string.Create(CultureInfo.InvariantCulture, $"{number + 1} {_request.Method}"));
        return true;
    }
}
