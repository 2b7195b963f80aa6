using System.Net;
using Intercom.Media.Codecs;
using Intercom.Media.Sdp;
using Intercom.Media.Session;
using Intercom.Media.Srtp;
using Intercom.Sip.UserAgent;
using Microsoft.Extensions.Logging;

namespace Intercom.Station.Calls;

/// <summary>
/// One SIP call with its media: the glue between a <see cref="SipCall"/> and a <see cref="MediaSession"/>.
/// Made by <see cref="MediaCallFactory"/> (dial or answer). It runs the SDP offer/answer of RFC 3264 over the
/// call's INVITE, 18x, 200, ACK and re-INVITEs, refuses what it cannot accept with 488 and a Warning, merges DTMF
/// from every transport into <see cref="DtmfReceived"/>, sends DTMF the way the account is configured, ends the call
/// with BYE when RTP stops, and reports its state for the status page and the call log.
/// <code>
///   SipCall events ──► run loop ──► SdpNegotiator ──► MediaSession (start, direction, replace)
///   MediaSession DTMF / RTP timeout ──┐       SIP INFO DTMF ──┐
///                                     └──► DtmfDeduplicator ◄─┘──► DtmfReceived
///   MediaPump (audio engine rings) ◄──► PumpFrame ◄──► current MediaSession (+ in-band DTMF tones)
/// </code>
/// The call reads <see cref="SipCall.Events"/> itself: use this type's events and tasks instead.
/// </summary>
public sealed partial class MediaCall : IAsyncDisposable
{
    private static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(5);

    private readonly SipCall _sip;
    private readonly CallMediaProfile _profile;
    private readonly IPAddress _localAddress;
    private readonly int _engineSampleRateHz;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly SdpNegotiator _negotiator;
    private readonly DtmfDeduplicator _deduplicator;
    private readonly DtmfToneGenerator _tones;
    private readonly Lock _gate = new();
    private readonly Lock _sessionGate = new();
    private readonly TaskCompletionSource<MediaCallEnd> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _createdTimestamp;
    private MediaSession _session;
    private NegotiatedMedia? _media;
    private NegotiatedMedia? _pendingMedia;
    private MediaSessionStatistics? _finalStatistics;
    private MediaPump? _pump;
    private MediaCallState _state;
    private MediaCallEnd? _localEnd;
    private MediaCallEnd? _end;
    private long _connectedTimestamp;
    private long _endedTimestamp;
    private TimeSpan? _setupTime;
    private int _digitsReceived;
    private bool _answerExpected;
    private Task _runLoop = Task.CompletedTask;

    internal MediaCall(SipCall sip, CallMediaProfile profile, IPAddress localAddress, int engineSampleRateHz, MediaSession session,
        SdpNegotiator negotiator, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        _sip = sip;
        _profile = profile;
        _localAddress = localAddress;
        _engineSampleRateHz = engineSampleRateHz;
        _session = session;
        _negotiator = negotiator;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<MediaCall>();
        _deduplicator = new DtmfDeduplicator(timeProvider, DtmfDeduplicator.DefaultWindow);
        _tones = new DtmfToneGenerator(engineSampleRateHz);
        _toneFrame = new short[engineSampleRateHz / 100];
        _createdTimestamp = timeProvider.GetTimestamp();
        Subscribe(session);
    }

    /// <summary>A DTMF digit arrived (RFC 4733, SIP INFO or in-band; copies from a second transport removed). Raised
    /// only while connected, on a media or SIP thread: keep handlers short. Digits that arrive before anyone
    /// subscribed (media may start before the caller of DialAsync has attached) go to the first subscriber.</summary>
    public event EventHandler<CallDtmfEventArgs>? DtmfReceived
    {
        add
        {
            List<CallDtmfEventArgs>? held;
            lock (_dtmfGate)
            {
                _dtmfReceived += value;
                held = _dtmfWithoutSubscriber;
                _dtmfWithoutSubscriber = null;
            }

            foreach (var digit in held ?? [])
            {
                Raise(value, digit);
            }
        }

        remove
        {
            lock (_dtmfGate)
            {
                _dtmfReceived -= value;
            }
        }
    }

    /// <summary>The state changed (raised on the call's own loop, in order).</summary>
    public event EventHandler<MediaCallState>? StateChanged;

    /// <summary>The SIP call underneath (Call-ID, account, remote party, <see cref="SipCall.RingAsync"/>).</summary>
    public SipCall Sip => _sip;

    /// <summary>The settings this call runs with.</summary>
    public CallMediaProfile Profile => _profile;

    /// <summary>The current state.</summary>
    public MediaCallState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>The media in use, null before the offer/answer completed.</summary>
    public NegotiatedMedia? Media => Volatile.Read(ref _media);

    /// <summary>Completes with true once answered and negotiated, false when the call ended before that.</summary>
    public Task<bool> Answered => _answered.Task;

    /// <summary>Completes when the call is over, with the reason.</summary>
    public Task<MediaCallEnd> Ended => _ended.Task;

    /// <summary>The address our SDP names.</summary>
    public IPAddress LocalAddress => _localAddress;

    /// <summary>The local RTP port.</summary>
    public int LocalRtpPort => _session.LocalRtpPort;

    /// <summary>Ends the call: CANCEL while ringing, BYE once answered, a rejection for an unanswered incoming call.</summary>
    public Task HangUpAsync() => _sip.HangUpAsync();

    /// <summary>A snapshot for the status page and the call log.</summary>
    public MediaCallStatus GetStatus()
    {
        MediaSessionStatistics? statistics;
        NegotiatedMedia? media;
        MediaCallState state;
        MediaCallEnd? end;
        long connected;
        long ended;
        TimeSpan? setup;
        lock (_gate)
        {
            media = _media;
            state = _state;
            end = _end;
            connected = _connectedTimestamp;
            ended = _endedTimestamp;
            setup = _setupTime;
            statistics = _finalStatistics;
        }

        if (statistics is null && media is not null)
        {
            lock (_sessionGate)
            {
                statistics = _finalStatistics ?? _session.GetStatistics();
            }
        }

        return new MediaCallStatus
        {
            Direction = _sip.Direction,
            Peer = _sip.Remote.Uri.ToString(),
            Account = _sip.Account?.Name,
            State = state,
            Codec = media is null ? null : $"{AudioCodecInfo.EncodingName(media.Codec)}/{AudioCodecInfo.RtpClockRateHz(media.Codec)}",
            SrtpSuite = media is null || media.SrtpSuite == SrtpCryptoSuite.None ? "none" : SrtpSuiteParameters.SdesName(media.SrtpSuite),
            MediaDirection = media?.Direction ?? _negotiator.Direction,
            RemoteMedia = statistics?.RemoteEndPoint ?? media?.RemoteRtp,
            Jitter = statistics?.Jitter ?? TimeSpan.Zero,
            PacketsReceived = statistics?.PacketsReceived ?? 0,
            PacketsLost = statistics?.PacketsLost ?? 0,
            PacketsSent = statistics?.PacketsSent ?? 0,
            DigitsReceived = Volatile.Read(ref _digitsReceived),
            SetupTime = setup,
            ConnectedDuration = connected == 0 ? TimeSpan.Zero : _timeProvider.GetElapsedTime(connected, ended == 0 ? _timeProvider.GetTimestamp() : ended),
            End = end,
            Media = statistics,
        };
    }

    /// <summary>Hangs up if needed and waits (bounded) for the end; the media session is closed either way.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_ended.Task.IsCompleted)
        {
            try
            {
                await _sip.HangUpAsync().ConfigureAwait(false);
                await _ended.Task.WaitAsync(DisposeTimeout, _timeProvider).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The SIP side did not finish in time: close the media anyway below.
            }
            catch (InvalidOperationException)
            {
                // The user agent is already shut down.
            }
        }

        Finish(new MediaCallEnd(MediaCallEndReason.Shutdown, 0, "disposed"));
        try
        {
            await _runLoop.WaitAsync(DisposeTimeout, _timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The SIP call never completed its event stream; nothing of ours is left running on it.
        }
    }

    /// <summary>Starts the call's loop; <paramref name="answerExpected"/> when our offer went out in the INVITE.</summary>
    internal void Start(bool answerExpected)
    {
        _answerExpected = answerExpected;
        _sip.OfferAnswerer = AnswerOffer;
        _runLoop = Task.Run(RunAsync);
    }

    private void SetState(MediaCallState state)
    {
        lock (_gate)
        {
            if (_state == state || _state == MediaCallState.Ended)
            {
                return;
            }

            _state = state;
        }

        Raise(StateChanged, state);
    }

    /// <summary>Raises an event; a handler's exception is logged and never reaches SIP, media or the call's loop.</summary>
    private void Raise<T>(EventHandler<T>? handler, T argument)
    {
        try
        {
            handler?.Invoke(this, argument);
        }
#pragma warning disable CA1031 // Subscribers' bugs must not break the call (STYLE.md habit 5).
        catch (Exception exception)
#pragma warning restore CA1031
        {
            CallLog.EventFailed(_logger, _sip.CallId, exception);
        }
    }

    private MediaSession CreateSession(int portMinimum, int portMaximum) =>
        new(new MediaSessionOptions
        {
            LocalAddress = _localAddress,
            RtpPortMinimum = portMinimum,
            RtpPortMaximum = portMaximum,
            EngineSampleRateHz = _engineSampleRateHz,
            RtpTimeout = _profile.RtpTimeout,
            InBandDtmfDetection = _profile.DetectsInBandDtmf,
        }, _timeProvider, _loggerFactory.CreateLogger<MediaSession>());
}
