using System.Globalization;
using Intercom.Sip.Core;
using Intercom.Sip.Messages;
using Intercom.Sip.Transactions;
using Intercom.Sip.Transport;

namespace Intercom.Sip.UserAgent;

/// <summary>Requests within the dialog (RFC 3261 §12.2, §14, §15), 2xx retransmission (§13.3.1.4) and session timers (RFC 4028).</summary>
public sealed partial class SipCall
{
    private SipTimer? _retransmitTimer;
    private SipTimer? _ackTimeoutTimer;
    private long _awaitedAckSequence = -1;
    private bool _reInvitePending;

    internal string? LocalTag => _dialog?.LocalTag;

    internal bool MatchesDialog(SipMessage request) => _dialog is not null && _dialog.Matches(request);

    /// <summary>An ACK for a 2xx we sent (RFC 3261 §13.3.1.4): stop retransmitting.</summary>
    internal void OnAck(SipMessage ack)
    {
        if (_awaitedAckSequence < 0 || ack.CSeq?.Number != _awaitedAckSequence)
        {
            _agent.Metrics.RetransmissionAbsorbed();
            return;
        }

        bool initial = _awaitedAckSequence == _inviteMessage?.CSeq?.Number;
        _awaitedAckSequence = -1;
        _retransmitTimer?.Dispose();
        _retransmitTimer = null;
        _ackTimeoutTimer?.Dispose();
        _ackTimeoutTimer = null;
        SipBody? body = BodyOf(ack);
        if (body is not null)
        {
            RemoteBody = body;
        }

        if (initial && Direction == SipCallDirection.Incoming)
        {
            Emit(new SipCallAnsweredEvent(RemoteBody));
        }
    }

    internal void OnInDialogRequest(SipServerTransaction transaction, SipMessage request)
    {
        long sequence = request.CSeq!.Number;

        // RFC 3261 §12.2.2: a CSeq lower than the last one is out of order.
        if (_dialog!.RemoteSequence >= 0 && sequence <= _dialog.RemoteSequence)
        {
            transaction.Respond(SipMessageBuilder.ResponseTo(request, 500, "Out Of Order"));
            return;
        }

        _dialog.RemoteSequence = sequence;
        switch (request.Method)
        {
            case SipMethods.Bye:
                transaction.Respond(SipMessageBuilder.ResponseTo(request, 200));
                Terminate(SipCallEndReason.RemoteHangUp, 200, "BYE received");
                break;
            case SipMethods.Info:
                transaction.Respond(SipMessageBuilder.ResponseTo(request, 200));
                Emit(new SipInfoReceivedEvent(BodyOf(request)));
                break;
            case SipMethods.Options:
                transaction.Respond(SipMessageBuilder.ResponseTo(request, 200).Add(SipHeaderKind.Allow, SipUserAgent.AllowedMethods).Add(SipHeaderKind.Accept, "application/sdp"));
                break;
            case SipMethods.Invite or SipMethods.Update:
                OnRefresh(transaction, request);
                break;
            default:
                transaction.Respond(SipMessageBuilder.ResponseTo(request, 501).Add(SipHeaderKind.Allow, SipUserAgent.AllowedMethods));
                break;
        }
    }

    private void OnRefresh(SipServerTransaction transaction, SipMessage request)
    {
        bool invite = request.Method == SipMethods.Invite;

        // RFC 3261 §14.2: a re-INVITE while ours is pending gets 491; one before the ACK of the first gets 500.
        if (invite && _reInvitePending)
        {
            transaction.Respond(SipMessageBuilder.ResponseTo(request, 491));
            return;
        }

        if (invite && _awaitedAckSequence >= 0)
        {
            transaction.Respond(SipMessageBuilder.ResponseTo(request, 500).Add(SipHeaderKind.RetryAfter, "1"));
            return;
        }

        SipBody? offer = BodyOf(request);
        SipOfferReply? reply = offer is null ? null : OfferAnswerer?.Invoke(offer);
        if (reply is { Refusal: { } refusal })
        {
            // RFC 3264 §8 / RFC 3261 §14.2: an offer we cannot accept gets 488 and the session stays unchanged.
            transaction.Respond(SipMessageBuilder.ResponseTo(request, 488, null, _dialog!.LocalTag)
                .Add(SipHeaderKind.Warning, SipWarning.Format(SipWarning.Miscellaneous, _agent.Options.ProductName, refusal))
                .Add(SipHeaderKind.Server, _agent.Options.ProductName));
            return;
        }

        SipBody? answer = offer is null ? null : reply?.Answer ?? LocalBody;
        if (offer is not null)
        {
            RemoteBody = offer;
            LocalBody = answer ?? LocalBody;
        }

        _dialog!.RefreshTarget(request);
        SipMessageBuilder ok = SipMessageBuilder.ResponseTo(request, 200, null, _dialog.LocalTag);
        ok.Add(SipHeaderKind.Contact, _agent.ContactFor(transaction.Flow, _contactUser ?? Account?.Options.User));
        ok.Add(SipHeaderKind.Allow, SipUserAgent.AllowedMethods);
        ok.Add(SipHeaderKind.Supported, "timer");
        if (invite && answer is null && offer is null && LocalBody is not null)
        {
            // A re-INVITE without offer: we offer our current session in the 2xx (RFC 3264 §8).
            answer = LocalBody;
        }

        if (answer is not null)
        {
            ok.WithBody(answer.ContentType, answer.Content);
        }

        AddSessionTimerToAnswer(ok, request);
        transaction.Respond(ok);
        if (invite)
        {
            Start2xxRetransmission(ok.ToArray(), transaction.Flow, request.CSeq!.Number);
        }

        Emit(new SipReInviteReceivedEvent(offer, answer));
    }

    private void SendReInvite(SipBody offer, TaskCompletionSource<SipResponseInfo> result)
    {
        if (State != SipCallState.Established || _dialog is null)
        {
            result.TrySetResult(new SipResponseInfo(481, "No established dialog", null));
            return;
        }

        if (_reInvitePending)
        {
            result.TrySetResult(new SipResponseInfo(491, "Request Pending", null));
            return;
        }

        _reInvitePending = true;
        SipMessageBuilder request = _dialog.CreateRequest(SipMethods.Invite, out SipUri nextHop);
        request.Add(SipHeaderKind.Allow, SipUserAgent.AllowedMethods);
        request.Add(SipHeaderKind.Supported, "timer");
        if (_sessionInterval > TimeSpan.Zero)
        {
            request.Add(SipHeaderKind.SessionExpires, string.Create(CultureInfo.InvariantCulture, $"{(long)_sessionInterval.TotalSeconds};refresher={(_weRefresh ? "uac" : "uas")}"));
        }

        request.Add(SipHeaderKind.UserAgent, _agent.Options.ProductName);
        request.WithBody(offer.ContentType, offer.Content);
        SipRequestClient? client = null;
        client = new SipRequestClient(_agent, request, nextHop, PreferenceFor(nextHop), Account, _contactUser ?? Account?.Options.User ?? "intercom", DialogFlow(), response =>
        {
            if (response.StatusCode < 200)
            {
                return;
            }

            _reInvitePending = false;
            if (response.StatusCode < 300)
            {
                _dialog.RefreshTarget(response);
                SendAckFor(client!);
                LocalBody = offer;
                RemoteBody = BodyOf(response) ?? RemoteBody;
                ArmSessionTimerFromResponse(response);
            }
            else if (response.StatusCode is 481 or 408)
            {
                // RFC 3261 §14.1: the dialog is gone.
                Terminate(SipCallEndReason.RemoteHangUp, response.StatusCode, response.ReasonPhrase);
            }

            result.TrySetResult(InfoOf(response));
        }, failure =>
        {
            _reInvitePending = false;
            result.TrySetResult(new SipResponseInfo(failure == SipTransactionFailure.Timeout ? 408 : 503, failure.ToString(), null));
        });
        client.Start();
    }

    private void SendInDialog(string method, SipBody? body, TaskCompletionSource<SipResponseInfo> result)
    {
        if (_dialog is null || State == SipCallState.Terminated || (State != SipCallState.Established && Direction == SipCallDirection.Outgoing))
        {
            result.TrySetResult(new SipResponseInfo(481, "No established dialog", null));
            return;
        }

        SipMessageBuilder request = _dialog.CreateRequest(method, out SipUri nextHop);
        request.Add(SipHeaderKind.UserAgent, _agent.Options.ProductName);
        if (body is not null)
        {
            request.WithBody(body.ContentType, body.Content);
        }

        new SipRequestClient(_agent, request, nextHop, PreferenceFor(nextHop), Account, null, DialogFlow(), response =>
        {
            if (response.StatusCode >= 200)
            {
                if (response.StatusCode is 481 or 408)
                {
                    Terminate(SipCallEndReason.RemoteHangUp, response.StatusCode, response.ReasonPhrase);
                }

                result.TrySetResult(InfoOf(response));
            }
        }, failure => result.TrySetResult(new SipResponseInfo(failure == SipTransactionFailure.Timeout ? 408 : 503, failure.ToString(), null))).Start();
    }

    private void SendAckFor(SipRequestClient client)
    {
        long sequence = client.SequenceNumber;
        SipMessageBuilder ack = _dialog!.CreateRequest(SipMethods.Ack, out SipUri nextHop);
        ack.Set(SipHeaderKind.CSeq, string.Create(CultureInfo.InvariantCulture, $"{sequence} ACK"));
        _agent.SendStateless(ack, nextHop, PreferenceFor(nextHop), DialogFlow(), (bytes, flow) =>
        {
            _ackBytes = bytes;
            _ackFlow = flow;
        });
    }

    /// <summary>Where in-dialog requests go: back over the connection an incoming call arrived on, else by resolution.</summary>
    private SipFlow? DialogFlow() =>
        Direction == SipCallDirection.Incoming && _inboundFlow is { } flow && flow.Transport.IsReliable() && _dialog!.RouteSet.Count == 0 ? flow : null;

    private void Start2xxRetransmission(byte[] response, SipFlow flow, long sequence)
    {
        _awaitedAckSequence = sequence == 0 ? _inviteMessage?.CSeq?.Number ?? 0 : sequence;
        _retransmitTimer?.Dispose();
        _ackTimeoutTimer?.Dispose();
        SipTimerSettings timers = _agent.Options.Timers;
        if (!flow.Transport.IsReliable())
        {
            // RFC 3261 §13.3.1.4: retransmit the 2xx at T1, doubling up to T2, until the ACK arrives.
            TimeSpan interval = timers.T1;
            void Retransmit()
            {
                _agent.Metrics.Retransmitted();
                _agent.SendRaw(flow, response);
                interval = interval * 2 < timers.T2 ? interval * 2 : timers.T2;
                _retransmitTimer = _agent.StartTimer(interval, Retransmit);
            }

            _retransmitTimer = _agent.StartTimer(interval, Retransmit);
        }

        // ... and give up after 64*T1: the session ends with BYE.
        _ackTimeoutTimer = _agent.StartTimer(timers.TransactionTimeout, () =>
        {
            _retransmitTimer?.Dispose();
            _retransmitTimer = null;
            _awaitedAckSequence = -1;
            SendBye(SipCallEndReason.Timeout, 408, "No ACK for 2xx");
        });
    }

    private void ArmSessionTimerFromResponse(SipMessage response)
    {
        if (!response.TryGetHeader(SipHeaderKind.SessionExpires, out ReadOnlySpan<byte> value))
        {
            return;
        }

        string text = System.Text.Encoding.ASCII.GetString(value);
        int semicolon = text.IndexOf(';', StringComparison.Ordinal);
        if (!long.TryParse(semicolon < 0 ? text.Trim() : text[..semicolon].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) || seconds <= 0)
        {
            return;
        }

        string? refresher = semicolon < 0 ? null : SipParameters.TryParse(text.AsSpan(semicolon), out SipParameters? p) ? p.Get("refresher") : null;

        // RFC 4028 §7.2: in a 2xx to our request, refresher=uac means us.
        ArmSessionTimer(TimeSpan.FromSeconds(seconds), weRefresh: refresher is null or "uac");
    }

    private void ArmSessionTimer(TimeSpan interval, bool weRefresh)
    {
        _sessionTimer?.Dispose();
        _sessionInterval = interval;
        _weRefresh = weRefresh;
        if (weRefresh)
        {
            // RFC 4028 §10: the refresher sends a refresh at half the interval.
            _sessionTimer = _agent.StartTimer(interval / 2, () =>
            {
                if (State == SipCallState.Established && LocalBody is not null)
                {
                    _ = ReInviteAsync(LocalBody);
                }
            });
        }
        else
        {
            // RFC 4028 §10: without a refresh, BYE at interval minus min(32 s, interval/3).
            TimeSpan margin = interval / 3 < TimeSpan.FromSeconds(32) ? interval / 3 : TimeSpan.FromSeconds(32);
            _sessionTimer = _agent.StartTimer(interval - margin, () => SendBye(SipCallEndReason.SessionExpired, 408, "Session expired"));
        }
    }
}
