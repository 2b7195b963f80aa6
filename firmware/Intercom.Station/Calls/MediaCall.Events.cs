using Intercom.Media.Sdp;
using Intercom.Media.Session;
using Intercom.Sip.UserAgent;

namespace Intercom.Station.Calls;

/// <summary>The call's own loop: everything the SIP call reports, in order.</summary>
public sealed partial class MediaCall
{
    private async Task RunAsync()
    {
        try
        {
            await foreach (SipCallEvent callEvent in _sip.Events.ReadAllAsync().ConfigureAwait(false))
            {
                try
                {
                    Handle(callEvent);
                }
#pragma warning disable CA1031 // The loop must survive our own bugs and handlers' exceptions: log and go on (STYLE.md habit 5).
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    CallLog.EventFailed(_logger, _sip.CallId, exception);
                }
            }
        }
        finally
        {
            SipCallEndedEvent ended = await _sip.Ended.ConfigureAwait(false);
            Finish(Describe(ended));
        }
    }

    private void Handle(SipCallEvent callEvent)
    {
        switch (callEvent)
        {
            case SipProvisionalResponseEvent provisional:
                OnProvisional(provisional);
                break;
            case SipCallAnsweredEvent answered:
                OnAnswered(answered);
                break;
            case SipInfoReceivedEvent info:
                OnInfo(info);
                break;
            case SipReInviteReceivedEvent:
                ApplyPendingMedia();
                break;
            case SipCallEndedEvent ended:
                Finish(Describe(ended));
                break;
        }
    }

    private void OnProvisional(SipProvisionalResponseEvent provisional)
    {
        if (State == MediaCallState.Setup)
        {
            SetState(MediaCallState.Ringing);
        }

        // RFC 3261 §13.2.1 / RFC 3960: a 183 with SDP answers our offer early; the 2xx confirms or replaces it.
        if (provisional.Body is not { } body || !IsSdp(body) || Media is not null)
        {
            return;
        }

        NegotiationResult result;
        lock (_gate)
        {
            result = _negotiator.ReceiveAnswer(body.Text);
        }

        if (result.Success)
        {
            ApplyMedia(result.Media!);
        }
    }

    private void OnAnswered(SipCallAnsweredEvent answered)
    {
        lock (_gate)
        {
            // An incoming call with an offer in the INVITE is connected when we send the 200; its ACK adds nothing.
            if (!_answerExpected || _state is MediaCallState.Connected or MediaCallState.Ended)
            {
                return;
            }

            _answerExpected = false;
        }

        Volatile.Write(ref _answerGiven, true);
        if (answered.Body is not { } body || !IsSdp(body))
        {
            FailMedia("the answer carries no SDP (RFC 3264 needs an answer in the 2xx or the ACK)");
            return;
        }

        NegotiationResult result;
        lock (_gate)
        {
            result = _negotiator.ReceiveAnswer(body.Text);
        }

        if (!result.Success)
        {
            FailMedia(result.Error);
            return;
        }

        if (ApplyMedia(result.Media!))
        {
            Connect();
        }
    }

    private MediaCallEnd Describe(SipCallEndedEvent ended)
    {
        SipResponseInfo? outcome = _sip.Outcome.IsCompletedSuccessfully ? _sip.Outcome.Result : null;
        string response = $"{ended.StatusCode} {ended.ReasonPhrase}";
        return ended.Reason switch
        {
            SipCallEndReason.LocalHangUp => new(MediaCallEndReason.LocalHangUp, ended.StatusCode, "we hung up"),
            SipCallEndReason.Cancelled => new(MediaCallEndReason.LocalHangUp, ended.StatusCode, "cancelled before an answer"),
            SipCallEndReason.RemoteHangUp => new(MediaCallEndReason.RemoteHangUp, ended.StatusCode, "the peer hung up"),
            SipCallEndReason.RemoteCancelled => new(MediaCallEndReason.RemoteHangUp, ended.StatusCode, "the caller cancelled"),
            SipCallEndReason.Rejected when ended.StatusCode is 488 or 606 => new(MediaCallEndReason.MediaNotAcceptable, ended.StatusCode,
                $"the peer refused our offer: {response}{(outcome?.Warning is { } warning ? $" ({warning})" : "")}; we offered {_profile.OfferDescription}"),
            SipCallEndReason.Rejected => new(MediaCallEndReason.Rejected, ended.StatusCode,
                $"the peer refused the call: {response}{(outcome?.Warning is { } why ? $" ({why})" : "")}"),
            SipCallEndReason.LocalRejected => new(MediaCallEndReason.LocalHangUp, ended.StatusCode, $"we refused the call: {response}"),
            SipCallEndReason.Timeout => new(MediaCallEndReason.Timeout, ended.StatusCode, $"no answer in time: {response}"),
            SipCallEndReason.SessionExpired => new(MediaCallEndReason.Timeout, ended.StatusCode, "the session was not refreshed (RFC 4028)"),
            SipCallEndReason.TransportError => new(MediaCallEndReason.Failed, ended.StatusCode, $"the SIP transport failed: {response}"),
            _ => new(MediaCallEndReason.Shutdown, ended.StatusCode, "the SIP user agent shut down"),
        };
    }

    /// <summary>Ends the call with our own reason (it wins over what the SIP side reports when the call ends).</summary>
    private void EndWith(MediaCallEndReason reason, int statusCode, string detail)
    {
        lock (_gate)
        {
            _localEnd ??= new MediaCallEnd(reason, statusCode, detail);
        }

        _ = HangUpQuietlyAsync();
    }

    private void FailMedia(string reason)
    {
        CallLog.NotAcceptable(_logger, _sip.CallId, _sip.Remote.Uri.ToString(), reason);
        EndWith(MediaCallEndReason.MediaNotAcceptable, 488, reason);
    }

    private async Task HangUpQuietlyAsync()
    {
        try
        {
            await _sip.HangUpAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The user agent is shutting down; the call ends with it.
        }
    }

    private void Finish(MediaCallEnd reported)
    {
        MediaCallEnd end;
        NegotiatedMedia? media;
        lock (_gate)
        {
            if (_state == MediaCallState.Ended)
            {
                return;
            }

            end = _localEnd is { } local ? local with { StatusCode = reported.StatusCode == 0 ? local.StatusCode : reported.StatusCode } : reported;
            _state = MediaCallState.Ended;
            _end = end;
            _endedTimestamp = _timeProvider.GetTimestamp();
            media = _media;
        }

        MediaSessionStatistics? statistics = null;
        lock (_sessionGate)
        {
            SetAudioSession(null);
            if (media is not null)
            {
                statistics = _session.GetStatistics();
            }

            Unsubscribe(_session);
            _session.Dispose();
        }

        lock (_gate)
        {
            _finalStatistics = statistics;
        }

        Volatile.Read(ref _pump)?.Detach(this);

        CallMetrics.CallEnded(end.Reason);
        MediaCallStatus status = GetStatus();
        CallLog.Ended(_logger, _sip.CallId, end.Reason, end.StatusCode, end.Detail, status.Codec ?? "none", status.IsEncrypted ? "SRTP " + status.SrtpSuite : "no SRTP",
            status.Jitter.TotalMilliseconds, status.PacketsLost, status.PacketsLost + status.PacketsReceived, status.DigitsReceived);
        _answered.TrySetResult(false);
        _ended.TrySetResult(end);
        Raise(StateChanged, MediaCallState.Ended);
    }

    private void Subscribe(MediaSession session)
    {
        session.DtmfReceived += OnSessionDigit;
        session.RtpTimedOut += OnRtpTimedOut;
    }

    private void Unsubscribe(MediaSession session)
    {
        session.DtmfReceived -= OnSessionDigit;
        session.RtpTimedOut -= OnRtpTimedOut;
    }

    private void OnRtpTimedOut(object? sender, EventArgs e)
    {
        if (!ReferenceEquals(sender, Volatile.Read(ref _session)) || State != MediaCallState.Connected)
        {
            return;
        }

        CallLog.RtpTimeout(_logger, _sip.CallId, _profile.RtpTimeout);
        CallMetrics.RtpTimedOut();
        EndWith(MediaCallEndReason.RtpTimeout, 200, $"no RTP arrived for {_profile.RtpTimeout.TotalSeconds:0} s");
    }

    private static bool IsSdp(SipBody body) => body.ContentType.StartsWith("application/sdp", StringComparison.OrdinalIgnoreCase);
}
