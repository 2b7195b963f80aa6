using Intercom.Media.Dtmf;
using Intercom.Media.Sdp;
using Intercom.Media.Session;
using Intercom.Sip.UserAgent;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;
using Microsoft.Extensions.Logging;

namespace Intercom.Station.Adapters;

/// <summary>
/// A call leg over one <see cref="SipCall"/> and its <see cref="MediaSession"/>: SDP offer/answer, DTMF from RFC 4733,
/// SIP INFO and in-band merged into <see cref="ICallLegEvents.OnDigit"/>, RTP timeout, end reasons in the station's terms.
/// </summary>
public sealed partial class SipCallLeg : ICallLeg
{
    /// <summary>An in-band digit this close to the same digit by RFC 4733 or INFO is the same key press.</summary>
    private static readonly TimeSpan DuplicateWindow = TimeSpan.FromMilliseconds(300);

    private readonly ICallLegEvents _events;
    private readonly AudioPath _audio;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly MediaSession _session;
    private readonly SdpNegotiator _negotiator;
    private SipCall? _call;
    private bool _hangUpRequested;
    private bool _ended;
    private bool _toSpeaker = true;
    private bool _signalledDigitsSeen;
    private char _lastDigit;
    private long _lastDigitTimestamp;
    private bool _answerReported;
    private List<(char Digit, DtmfSource Source)>? _digitsBeforeAnswer;

    private SipCallLeg(string peer, ICallLegEvents events, CallMediaFactory mediaFactory, AudioPath audio, TimeProvider timeProvider, ILogger logger)
    {
        Peer = peer;
        _events = events;
        _audio = audio;
        _timeProvider = timeProvider;
        _logger = logger;
        _session = mediaFactory.CreateSession();
        _negotiator = mediaFactory.CreateNegotiator(_session);
        _session.DtmfReceived += OnMediaDigit;
        _session.RtpTimedOut += OnRtpTimedOut;
    }

    /// <inheritdoc />
    public string Peer { get; }

    /// <inheritdoc />
    public CallLegMediaStatus? Media
    {
        get
        {
            if (_session.Media is not NegotiatedMedia media)
            {
                return null;
            }

            var statistics = _session.GetStatistics();
            return new CallLegMediaStatus(
                Intercom.Media.Codecs.AudioCodecInfo.EncodingName(media.Codec), media.SrtpSuite != Intercom.Media.Srtp.SrtpCryptoSuite.None,
                statistics.Jitter, statistics.PacketsLost, statistics.PacketsReceived, statistics.PacketsSent);
        }
    }

    /// <summary>The SIP call, once the INVITE went out or came in.</summary>
    public SipCall? Call => Volatile.Read(ref _call);

    /// <summary>The media session (statistics for tests and the status page).</summary>
    public MediaSession Session => _session;

    /// <summary>Places an outgoing call; failures are reported as <see cref="ICallLegEvents.OnEnded"/>.</summary>
    public static SipCallLeg Dial(SipUserAgent agent, CallTargetOptions target, ICallLegEvents events, CallMediaFactory mediaFactory, AudioPath audio, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(target);
        var leg = new SipCallLeg(target.Target, events, mediaFactory, audio, timeProvider, logger);
        _ = leg.RunOutgoingAsync(agent, target);
        return leg;
    }

    /// <summary>Wraps an incoming call the inbound policy let through.</summary>
    public static SipCallLeg Incoming(SipCall call, string peer, ICallLegEvents events, CallMediaFactory mediaFactory, AudioPath audio, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(call);
        var leg = new SipCallLeg(peer, events, mediaFactory, audio, timeProvider, logger) { _call = call };
        _ = leg.ReadEventsAsync(call);
        return leg;
    }

    /// <inheritdoc />
    public void Answer(InboundCallMode mode)
    {
        var call = Call;
        if (call is null)
        {
            return;
        }

        // Listen only: the caller hears the door, nothing they say reaches the loudspeaker (RFC 3264 §6.1 sendonly).
        _toSpeaker = mode == InboundCallMode.Talk;
        _negotiator.Direction = _toSpeaker ? MediaDirection.SendReceive : MediaDirection.SendOnly;
        var offer = call.RemoteBody;
        var result = offer is null ? null : _negotiator.ReceiveOffer(offer.Text);
        if (result is null || !result.Success)
        {
            // RFC 3261 §21.4.26: 488 when the offer cannot be accepted (no common codec, SRTP mandatory, no offer).
            Observe(call.RejectAsync(488));
            End(CallLegEndReason.MediaFailed, 488, result?.Error ?? "the INVITE has no SDP offer");
            return;
        }

        _session.Start(result.Media!);
        Observe(call.AnswerAsync(SipBody.FromText("application/sdp", result.AnswerSdp!)));
    }

    /// <inheritdoc />
    public void Reject(int statusCode)
    {
        if (Call is SipCall call)
        {
            Observe(call.RejectAsync(statusCode));
        }
    }

    /// <inheritdoc />
    public void HangUp()
    {
        SipCall? call;
        lock (_gate)
        {
            _hangUpRequested = true;
            call = _call;
        }

        _audio.Disconnect(_session);
        if (call is not null)
        {
            Observe(call.HangUpAsync());
        }
    }

    /// <inheritdoc />
    public void ConnectAudio() => _audio.Connect(_session, _toSpeaker);

    private async Task RunOutgoingAsync(SipUserAgent agent, CallTargetOptions target)
    {
        SipCall call;
        try
        {
            var offer = _negotiator.CreateOffer();
            call = await agent.CallAsync(new SipCallRequest { Target = target.Target, AccountName = target.Account, Offer = SipBody.FromText("application/sdp", offer) }).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A call that cannot be placed is a failed leg, not a crash.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            End(CallLegEndReason.Failed, 0, exception.Message);
            return;
        }

        bool hangUp;
        lock (_gate)
        {
            _call = call;
            hangUp = _hangUpRequested;
        }

        if (hangUp)
        {
            Observe(call.HangUpAsync());
        }

        await ReadEventsAsync(call).ConfigureAwait(false);
    }

    private async Task ReadEventsAsync(SipCall call)
    {
        try
        {
            await foreach (var callEvent in call.Events.ReadAllAsync().ConfigureAwait(false))
            {
                Handle(call, callEvent);
            }
        }
#pragma warning disable CA1031 // STYLE.md: the loop catches, logs and goes on; the leg ends.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LegFailed(_logger, Peer, exception);
        }

        var ended = call.Ended.IsCompletedSuccessfully ? call.Ended.Result : null;
        End(ended is null ? CallLegEndReason.Failed : Map(ended), ended?.StatusCode ?? 0, ended?.ReasonPhrase ?? "the call's events ended");
    }

    private void Handle(SipCall call, SipCallEvent callEvent)
    {
        switch (callEvent)
        {
            case SipProvisionalResponseEvent:
                _events.OnRinging(this);
                break;
            case SipCallAnsweredEvent answered when call.Direction == SipCallDirection.Outgoing:
                var result = answered.Body is null ? null : _negotiator.ReceiveAnswer(answered.Body.Text);
                if (result is null || !result.Success)
                {
                    Observe(call.HangUpAsync());
                    End(CallLegEndReason.MediaFailed, 488, result?.Error ?? "the answer has no SDP");
                    return;
                }

                _session.Start(result.Media!);
                ReportAnswered();
                break;
            case SipCallAnsweredEvent:
                ReportAnswered();
                break;
            case SipInfoReceivedEvent info when info.Body is SipBody body:
                var dtmf = SipInfoDtmfParser.Parse(body.ContentType, body.Text);
                if (dtmf.Success)
                {
                    Digit(dtmf.Digit, DtmfSource.SipInfo);
                }

                break;
            default:
                break;
        }
    }

    private void OnMediaDigit(object? sender, DtmfDigitEventArgs args) => Digit(args.Digit, args.Source);

    /// <summary>
    /// Reports the answer, then any digit the media session decoded before it (RTP queued in the socket while the 2xx
    /// was processed): the station must see the answer first or it would drop those digits as "not answered".
    /// </summary>
    private void ReportAnswered()
    {
        _events.OnAnswered(this);
        List<(char Digit, DtmfSource Source)>? early;
        lock (_gate)
        {
            _answerReported = true;
            early = _digitsBeforeAnswer;
            _digitsBeforeAnswer = null;
        }

        foreach (var (digit, source) in early ?? [])
        {
            _events.OnDigit(this, digit, source);
        }
    }

    private void Digit(char digit, DtmfSource source)
    {
        lock (_gate)
        {
            var now = _timeProvider.GetTimestamp();
            var recent = _timeProvider.GetElapsedTime(_lastDigitTimestamp, now) < DuplicateWindow && _lastDigit == digit;
            if (source == DtmfSource.InBand && (_signalledDigitsSeen || recent))
            {
                // The same key press heard in the audio too: the signalled digit counts.
                return;
            }

            if (source != DtmfSource.InBand)
            {
                _signalledDigitsSeen = true;
            }

            _lastDigit = digit;
            _lastDigitTimestamp = now;
            if (!_answerReported)
            {
                (_digitsBeforeAnswer ??= []).Add((digit, source));
                return;
            }
        }

        _events.OnDigit(this, digit, source);
    }

    private void OnRtpTimedOut(object? sender, EventArgs args)
    {
        HangUp();
        End(CallLegEndReason.RtpTimeout, 0, "no RTP from the peer");
    }

    private void End(CallLegEndReason reason, int statusCode, string detail)
    {
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
        }

        _audio.Disconnect(_session);
        _session.DtmfReceived -= OnMediaDigit;
        _session.RtpTimedOut -= OnRtpTimedOut;
        _session.Dispose();
        _events.OnEnded(this, new CallLegEnd(reason, statusCode, detail));
    }

    private static CallLegEndReason Map(SipCallEndedEvent ended) => ended.Reason switch
    {
        SipCallEndReason.RemoteHangUp or SipCallEndReason.RemoteCancelled or SipCallEndReason.SessionExpired => CallLegEndReason.RemoteHangUp,
        SipCallEndReason.LocalHangUp or SipCallEndReason.Cancelled or SipCallEndReason.LocalRejected or SipCallEndReason.Shutdown => CallLegEndReason.LocalHangUp,
        SipCallEndReason.Timeout => CallLegEndReason.NoAnswer,
        SipCallEndReason.Rejected => ended.StatusCode switch
        {
            486 or 600 or 603 => CallLegEndReason.Busy,
            408 or 480 or 487 => CallLegEndReason.NoAnswer,
            488 or 606 => CallLegEndReason.MediaFailed,
            _ => CallLegEndReason.Failed,
        },
        _ => CallLegEndReason.Failed,
    };

    private void Observe(Task task) => task.ContinueWith(
        static (completed, state) => LegFailed((ILogger)state!, "?", completed.Exception!.GetBaseException()),
        _logger, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Call leg {Peer} failed")]
    private static partial void LegFailed(ILogger logger, string peer, Exception exception);
}
