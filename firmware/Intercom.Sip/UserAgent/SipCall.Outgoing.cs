using System.Globalization;
using Intercom.Sip.Configuration;
using Intercom.Sip.Dialogs;
using Intercom.Sip.Messages;
using Intercom.Sip.Transactions;
using Intercom.Sip.Transport;

namespace Intercom.Sip.UserAgent;

/// <summary>The UAC side of the initial INVITE (RFC 3261 §13.2).</summary>
public sealed partial class SipCall
{
    private SipRequestClient? _invite;
    private SipMessageBuilder? _inviteRequest;
    private SipUri? _inviteNextHop;
    private SipTransportPreference _invitePreference;
    private bool _cancelled;
    private bool _sessionTimerRetried;
    private byte[]? _ackBytes;
    private SipFlow? _ackFlow;

    internal static SipCall CreateOutgoing(SipUserAgent agent, SipAccount? account, SipNameAddress from, SipUri target, SipUri nextHop, SipTransportPreference preference, SipCallRequest request)
    {
        SipTransportKind transport = preference switch
        {
            SipTransportPreference.Tcp => SipTransportKind.Tcp,
            SipTransportPreference.Tls => SipTransportKind.Tls,
            _ => SipTransportKindExtensions.TryParse(nextHop.Transport, out SipTransportKind t) ? t : nextHop.IsSecure ? SipTransportKind.Tls : SipTransportKind.Udp,
        };
        var call = new SipCall(agent, SipCallDirection.Outgoing, SipUserAgent.NewToken(24), account, new SipNameAddress(target), transport)
        {
            LocalBody = request.Offer,
        };

        SipMessageBuilder invite = SipMessageBuilder.Request(SipMethods.Invite, target.ToString());
        account?.AddOutboundRoute(invite);
        invite.Add(SipHeaderKind.MaxForwards, "70");
        invite.Add(SipHeaderKind.From, from.WithTag(SipUserAgent.NewToken(10)).ToString());
        invite.Add(SipHeaderKind.To, $"<{target}>");
        invite.Add(SipHeaderKind.CallId, call.CallId);
        invite.Add(SipHeaderKind.CSeq, "1 INVITE");
        invite.Add(SipHeaderKind.Allow, SipUserAgent.AllowedMethods);
        invite.Add(SipHeaderKind.Supported, "timer");
        if (agent.Options.SessionExpires > TimeSpan.Zero)
        {
            // RFC 4028 §7.1: ask for a session interval; the refresher is chosen by the answer.
            invite.Add(SipHeaderKind.SessionExpires, ((long)agent.Options.SessionExpires.TotalSeconds).ToString(CultureInfo.InvariantCulture));
            invite.Add(SipHeaderKind.MinSE, ((long)agent.Options.MinimumSessionExpires.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        }

        invite.Add(SipHeaderKind.UserAgent, agent.Options.ProductName);
        foreach (KeyValuePair<string, string> header in request.ExtraHeaders)
        {
            invite.Add(header.Key, header.Value);
        }

        if (request.Offer is not null)
        {
            invite.WithBody(request.Offer.ContentType, request.Offer.Content);
        }

        call._inviteRequest = invite;
        call._inviteNextHop = nextHop;
        call._invitePreference = preference;
        return call;
    }

    internal void StartOutgoing()
    {
        _invite = new SipRequestClient(_agent, _inviteRequest!, _inviteNextHop!, _invitePreference, Account, Account?.Options.User ?? "intercom", null, OnInviteResponse, OnInviteFailure);
        _invite.Start();
    }

    /// <summary>A 2xx for our INVITE that arrived after its transaction ended: ACK it again (RFC 3261 §13.2.2.4).</summary>
    internal void OnStrayInviteSuccess(SipMessage response)
    {
        if (_ackBytes is not null && _ackFlow is not null && response.CSeq?.Number == _dialog?.LocalSequence)
        {
            _agent.Metrics.RetransmissionAbsorbed();
            _agent.SendRaw(_ackFlow, _ackBytes);
        }
    }

    private void CancelOutgoing()
    {
        _cancelled = true;
        _invite?.Cancel();
        if (_invite is null || _invite.Finished)
        {
            Terminate(SipCallEndReason.Cancelled, 487, "Request Terminated");
        }
    }

    private void OnInviteResponse(SipMessage response)
    {
        int status = response.StatusCode;
        if (status < 200)
        {
            // The issue: a 180 that arrives after the 200 OK (reordered by a proxy) is ignored.
            if (status == 100 || State is SipCallState.Established or SipCallState.Terminated)
            {
                return;
            }

            State = SipCallState.Early;
            SipBody? early = BodyOf(response);
            if (early is not null)
            {
                RemoteBody = early;
            }

            Emit(new SipProvisionalResponseEvent(status, response.ReasonPhrase, early));
            return;
        }

        if (status < 300)
        {
            OnInviteSuccess(response);
            return;
        }

        // RFC 4028 §7.3: 422 names the smallest interval the peer accepts; retry once with it.
        if (status == 422 && !_sessionTimerRetried && !_cancelled && response.TryGetHeader(SipHeaderKind.MinSE, out ReadOnlySpan<byte> minimum)
            && SipGrammar.TryParseDecimal(SipGrammar.Trim(minimum).SplitFirstToken(), out long seconds))
        {
            _sessionTimerRetried = true;
            long next = (_invite?.SequenceNumber ?? 1) + 1;
            _inviteRequest!.Set(SipHeaderKind.CSeq, string.Create(CultureInfo.InvariantCulture, $"{next} INVITE"));
            _inviteRequest.Set(SipHeaderKind.SessionExpires, seconds.ToString(CultureInfo.InvariantCulture));
            _inviteRequest.Set(SipHeaderKind.MinSE, seconds.ToString(CultureInfo.InvariantCulture));
            StartOutgoing();
            return;
        }

        _outcome.TrySetResult(InfoOf(response));
        Terminate(_cancelled && status == 487 ? SipCallEndReason.Cancelled : SipCallEndReason.Rejected, status, response.ReasonPhrase);
    }

    private void OnInviteSuccess(SipMessage response)
    {
        if (_dialog is not null)
        {
            if (response.To?.Tag is { } tag && tag != _dialog.RemoteTag)
            {
                EndExtraFork(response);
                return;
            }

            // A retransmitted 2xx (RFC 3261 §13.2.2.4): send the same ACK again.
            OnStrayInviteSuccess(response);
            return;
        }

        SipMessageBuilder sent = _invite!.Sent!;
        _dialog = SipDialog.ForUac(sent, response);
        if (_dialog is null)
        {
            // RFC 3261 §13.2.2.4 needs a Contact and a To tag to ACK; without them we cannot keep the call.
            _outcome.TrySetResult(InfoOf(response));
            Terminate(SipCallEndReason.Rejected, 502, "Malformed 2xx (no Contact or tag)");
            return;
        }

        _agent.TrackDialog(this);
        SendAck();
        if (State == SipCallState.Terminated || _cancelled)
        {
            // Our CANCEL crossed the 200 OK: the call exists now, so end it with BYE (RFC 3261 §9.1).
            State = SipCallState.Established;
            SendBye(SipCallEndReason.Cancelled, 487, "Cancelled after answer");
            return;
        }

        State = SipCallState.Established;
        RemoteBody = BodyOf(response) ?? RemoteBody;
        ArmSessionTimerFromResponse(response);
        _outcome.TrySetResult(InfoOf(response));
        Emit(new SipCallAnsweredEvent(RemoteBody));
    }

    /// <summary>RFC 3261 §13.2.2.4: a 2xx from a second fork is ACKed and its dialog ended with BYE at once.</summary>
    private void EndExtraFork(SipMessage response)
    {
        SipDialog? fork = SipDialog.ForUac(_invite!.Sent!, response);
        if (fork is null)
        {
            return;
        }

        SipMessageBuilder ack = fork.CreateRequest(SipMethods.Ack, out SipUri ackHop);
        ack.Set(SipHeaderKind.CSeq, string.Create(CultureInfo.InvariantCulture, $"{_invite.SequenceNumber} ACK"));
        _agent.SendStateless(ack, ackHop, PreferenceFor(ackHop), null, static (_, _) => { });
        fork.LocalSequence = _invite.SequenceNumber;
        SipMessageBuilder bye = fork.CreateRequest(SipMethods.Bye, out SipUri byeHop);
        new SipRequestClient(_agent, bye, byeHop, PreferenceFor(byeHop), Account, null, null, static _ => { }, static _ => { }).Start();
    }

    private void SendAck()
    {
        // RFC 3261 §13.2.2.4: the ACK for a 2xx is a new transaction-less request with the INVITE's CSeq number.
        long inviteSequence = _invite!.SequenceNumber;
        _dialog!.LocalSequence = Math.Max(_dialog.LocalSequence, inviteSequence);
        SipMessageBuilder ack = _dialog.CreateRequest(SipMethods.Ack, out SipUri nextHop);
        ack.Set(SipHeaderKind.CSeq, string.Create(CultureInfo.InvariantCulture, $"{inviteSequence} ACK"));
        string? credentials = _invite.Sent!.Get(SipHeaderKind.ProxyAuthorization);
        if (credentials is not null)
        {
            ack.Add(SipHeaderKind.ProxyAuthorization, credentials);
        }

        _agent.SendStateless(ack, nextHop, PreferenceFor(nextHop), DialogFlow(), (bytes, flow) =>
        {
            _ackBytes = bytes;
            _ackFlow = flow;
        });
    }

    private void OnInviteFailure(SipTransactionFailure failure)
    {
        (int status, string reason) = failure == SipTransactionFailure.Timeout ? (408, "Request Timeout") : (503, "Service Unavailable (transport error)");
        _outcome.TrySetResult(new SipResponseInfo(status, reason, null));
        Terminate(failure == SipTransactionFailure.Timeout ? SipCallEndReason.Timeout : SipCallEndReason.TransportError, status, reason);
    }
}
