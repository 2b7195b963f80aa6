using Intercom.Media.Sdp;
using Intercom.Media.Session;
using Intercom.Sip.UserAgent;
using Microsoft.Extensions.Logging;

namespace Intercom.Station.Calls;

/// <summary>Offer/answer (RFC 3264) over the call's life: the first exchange, re-INVITEs, hold and resume.</summary>
public sealed partial class MediaCall
{
    private const string SdpContentType = "application/sdp";

    /// <summary>Puts the peer on hold (re-INVITE with a=sendonly, RFC 3264 §8.4); true when the peer accepted.</summary>
    public Task<bool> HoldAsync() => ChangeDirectionAsync(MediaDirection.SendOnly);

    /// <summary>Takes the peer off hold (re-INVITE with a=sendrecv); true when the peer accepted.</summary>
    public Task<bool> ResumeAsync() => ChangeDirectionAsync(MediaDirection.SendReceive);

    /// <summary>Sends a re-INVITE offering <paramref name="direction"/>; true when answered and applied.</summary>
    public async Task<bool> ChangeDirectionAsync(MediaDirection direction)
    {
        if (State != MediaCallState.Connected)
        {
            return false;
        }

        string offer;
        MediaDirection previous;
        lock (_gate)
        {
            previous = _negotiator.Direction;
            _negotiator.Direction = direction;
            offer = _negotiator.CreateOffer();
        }

        SipResponseInfo response = await _sip.ReInviteAsync(SipBody.FromText(SdpContentType, offer)).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            // RFC 3261 §14.1: a failed re-INVITE leaves the session as it was.
            lock (_gate)
            {
                _negotiator.Direction = previous;
            }

            return false;
        }

        if (response.Body is not { } body || !IsSdp(body))
        {
            FailMedia("the 2xx to our re-INVITE carries no answer");
            return false;
        }

        NegotiationResult result;
        lock (_gate)
        {
            result = _negotiator.ReceiveAnswer(body.Text);
        }

        if (!result.Success)
        {
            FailMedia(result.Error);
            return false;
        }

        return ApplyMedia(result.Media!);
    }

    /// <summary>Incoming call: answers the INVITE's offer (or offers in the 200 when it had none), or refuses with 488.</summary>
    internal async Task AcceptAsync()
    {
        if (_sip.RemoteBody is not { } offer)
        {
            // RFC 3264 §4 / RFC 3261 §13.2.1: no offer in the INVITE: we offer in the 200, the answer comes in the ACK.
            string ourOffer;
            lock (_gate)
            {
                ourOffer = _negotiator.CreateOffer();
                _answerExpected = true;
            }

            await AnswerSafelyAsync(SipBody.FromText(SdpContentType, ourOffer)).ConfigureAwait(false);
            return;
        }

        NegotiationResult result = IsSdp(offer)
            ? NegotiateOffer(offer)
            : new NegotiationResult { Error = $"the offer is {offer.ContentType}, not application/sdp" };
        if (!result.Success)
        {
            CallLog.NotAcceptable(_logger, _sip.CallId, _sip.Remote.Uri.ToString(), result.Error);
            lock (_gate)
            {
                _localEnd ??= new MediaCallEnd(MediaCallEndReason.MediaNotAcceptable, 488, result.Error);
            }

            // RFC 3261 §13.3.1.3 / RFC 3264 §6: an offer we cannot accept gets 488 with a Warning saying why.
            await RejectSafelyAsync(488, result.Error).ConfigureAwait(false);
            return;
        }

        if (!ApplyMedia(result.Media!))
        {
            await RejectSafelyAsync(500, "media could not start").ConfigureAwait(false);
            return;
        }

        if (await AnswerSafelyAsync(SipBody.FromText(SdpContentType, result.AnswerSdp!)).ConfigureAwait(false))
        {
            Connect();
        }
    }

    /// <summary>The <see cref="SipCall.OfferAnswerer"/> for re-INVITE and UPDATE offers (runs on the SIP loop).</summary>
    internal SipOfferReply? AnswerOffer(SipBody? offer)
    {
        if (offer is null || !IsSdp(offer))
        {
            return null;
        }

        NegotiationResult result = NegotiateOffer(offer);
        if (!result.Success)
        {
            CallLog.NotAcceptable(_logger, _sip.CallId, _sip.Remote.Uri.ToString(), result.Error);
            return SipOfferReply.Refuse(result.Error);
        }

        // Applied on the call's loop when the re-INVITE event arrives (disposing a session may take a poll interval).
        Volatile.Write(ref _pendingMedia, result.Media);
        return SipBody.FromText(SdpContentType, result.AnswerSdp!);
    }

    private NegotiationResult NegotiateOffer(SipBody offer)
    {
        lock (_gate)
        {
            return _negotiator.ReceiveOffer(offer.Text);
        }
    }

    private async Task RejectSafelyAsync(int statusCode, string warning)
    {
        try
        {
            await _sip.RejectAsync(statusCode, warning).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The user agent stopped meanwhile; the end event follows.
        }
    }

    private async Task<bool> AnswerSafelyAsync(SipBody body)
    {
        try
        {
            Volatile.Write(ref _answerGiven, true);
            await _sip.AnswerAsync(body).ConfigureAwait(false);
            return true;
        }
        catch (InvalidOperationException)
        {
            // The caller cancelled (or the agent stopped) while we negotiated; the end event follows.
            return false;
        }
    }

    private void ApplyPendingMedia()
    {
        NegotiatedMedia? pending = Interlocked.Exchange(ref _pendingMedia, null);
        if (pending is not null)
        {
            ApplyMedia(pending);
        }
    }

    /// <summary>Starts, updates or replaces the media session for a new offer/answer result; false when it failed.</summary>
    private bool ApplyMedia(NegotiatedMedia media)
    {
        string? failure = null;
        bool renegotiated = false;
        lock (_sessionGate)
        {
            if (State == MediaCallState.Ended)
            {
                return false;
            }

            NegotiatedMedia? current = _media;
            if (current is null)
            {
                failure = StartSession(_session, media);
            }
            else if (SameStream(current, media))
            {
                if (current.Direction != media.Direction)
                {
                    _session.UpdateDirection(media.Direction);
                    CallLog.DirectionChanged(_logger, _sip.CallId, media.Direction);
                }
            }
            else
            {
                failure = ReplaceSession(media);
                renegotiated = failure is null;
            }

            if (failure is null)
            {
                lock (_gate)
                {
                    _media = media;
                }
            }
        }

        if (failure is not null)
        {
            CallLog.MediaFailed(_logger, _sip.CallId, failure);
            EndWith(MediaCallEndReason.Failed, 500, failure);
            return false;
        }

        if (renegotiated)
        {
            if (_logger.IsEnabled(LogLevel.Information))
            {
                CallLog.Renegotiated(_logger, _sip.CallId, media.Summary);
            }
        }

        return true;
    }

    private static string? StartSession(MediaSession session, NegotiatedMedia media)
    {
        try
        {
            session.Start(media);
            return null;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException or ArgumentException)
        {
            // E.g. libopus.so.0 missing: the codec cannot run on this machine.
            return $"media could not start ({exception.Message})";
        }
    }

    /// <summary>
    /// A new codec, key or address: a media session starts once, so a fresh one takes over the same port pair
    /// (our SDP keeps naming it). The pump is held off while the sessions change hands.
    /// </summary>
    private string? ReplaceSession(NegotiatedMedia media)
    {
        MediaSession old = _session;
        int port = old.LocalRtpPort;
        bool connected = Volatile.Read(ref _audioSession) is not null;
        SetAudioSession(null);
        Unsubscribe(old);
        old.Dispose();
        MediaSession next;
        try
        {
            next = CreateSession(port, port + 1);
        }
        catch (InvalidOperationException exception)
        {
            return $"the RTP port {port} could not be bound again for the new media ({exception.Message})";
        }

        Subscribe(next);
        Volatile.Write(ref _session, next);
        string? failure = StartSession(next, media);
        if (failure is null && connected)
        {
            SetAudioSession(next);
        }

        return failure;
    }

    private void Connect()
    {
        long now = _timeProvider.GetTimestamp();
        NegotiatedMedia? media;
        TimeSpan setup;
        lock (_gate)
        {
            if (_state is MediaCallState.Connected or MediaCallState.Ended)
            {
                return;
            }

            _state = MediaCallState.Connected;
            _connectedTimestamp = now;
            setup = _timeProvider.GetElapsedTime(_createdTimestamp, now);
            _setupTime = setup;
            media = _media;
        }

        lock (_sessionGate)
        {
            if (State == MediaCallState.Ended)
            {
                return;
            }

            SetAudioSession(_session);
        }

        CallMetrics.CallStarted(_sip.Direction == SipCallDirection.Outgoing);
        if (_logger.IsEnabled(LogLevel.Information))
        {
#pragma warning disable CA1873 // guarded by IsEnabled; once per call
            CallLog.Connected(_logger, _sip.CallId, _sip.Direction == SipCallDirection.Outgoing ? "outgoing" : "incoming", _sip.Remote.Uri.ToString(),
                (long)setup.TotalMilliseconds, media?.Summary ?? "");
#pragma warning restore CA1873
        }
        Raise(StateChanged, MediaCallState.Connected);
        ReleaseDigitsBeforeConnect();
        _answered.TrySetResult(true);
        Volatile.Read(ref _pump)?.Attach(this);
    }

    private static bool SameStream(NegotiatedMedia current, NegotiatedMedia next) =>
        current.Codec == next.Codec
        && current.PayloadType == next.PayloadType
        && current.TelephoneEventPayloadType == next.TelephoneEventPayloadType
        && current.TelephoneEventClockRateHz == next.TelephoneEventClockRateHz
        && current.Ptime == next.Ptime
        && current.RemoteRtp.Equals(next.RemoteRtp)
        && current.RemoteRtcp.Equals(next.RemoteRtcp)
        && current.RtcpMux == next.RtcpMux
        && current.SrtpSuite == next.SrtpSuite
        && current.OpusInbandFec == next.OpusInbandFec
        && current.LocalMasterKeyAndSalt.AsSpan().SequenceEqual(next.LocalMasterKeyAndSalt)
        && current.RemoteMasterKeyAndSalt.AsSpan().SequenceEqual(next.RemoteMasterKeyAndSalt);
}
