using Intercom.Media.Dtmf;
using Intercom.Media.Sdp;
using Intercom.Sip.UserAgent;
using Intercom.Station.Calls;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;
using Microsoft.Extensions.Logging;

namespace Intercom.Station.Adapters;

/// <summary>
/// A call leg over one <see cref="MediaCall"/> (the calls glue: SIP call, offer/answer, media session, DTMF from RFC
/// 4733, SIP INFO and in-band merged, RTP timeout), reporting in the station's terms.
/// </summary>
public sealed partial class SipCallLeg : ICallLeg
{
    private readonly ICallLegEvents _events;
    private readonly MediaCallFactory _calls;
    private readonly AudioPumps _pumps;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly SipCall? _incoming;
    private MediaCall? _call;
    private bool _hangUpRequested;
    private bool _ended;
    private bool _answerReported;
    private bool _ringing;
    private List<(char Digit, DtmfSource Source)>? _digitsBeforeAnswer;

    private SipCallLeg(string peer, ICallLegEvents events, MediaCallFactory calls, AudioPumps pumps, ILogger logger, SipCall? incoming)
    {
        Peer = peer;
        _events = events;
        _calls = calls;
        _pumps = pumps;
        _logger = logger;
        _incoming = incoming;
    }

    /// <inheritdoc />
    public string Peer { get; }

    /// <summary>The media call once the INVITE went out or the answer was made (tests and benchmarks read its status).</summary>
    public MediaCall? Call => Volatile.Read(ref _call);

    /// <inheritdoc />
    public CallLegMediaStatus? Media
    {
        get
        {
            if (Call?.GetStatus() is not { Codec: { } codec } status)
            {
                return null;
            }

            return new CallLegMediaStatus(codec, status.IsEncrypted, status.Jitter, status.PacketsLost, status.PacketsReceived, status.PacketsSent);
        }
    }

    /// <summary>Places an outgoing call; failures are reported as <see cref="ICallLegEvents.OnEnded"/>.</summary>
    public static SipCallLeg Dial(SipUserAgent agent, CallTargetOptions target, ICallLegEvents events, MediaCallFactory calls, AudioPumps pumps, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(target);
        var leg = new SipCallLeg(target.Target, events, calls, pumps, logger, null);
        _ = leg.DialWithFailoverAsync(agent, target);
        return leg;
    }

    /// <summary>Wraps an incoming call the inbound policy let through; <see cref="Answer"/> answers it.</summary>
    public static SipCallLeg Incoming(SipCall call, string peer, ICallLegEvents events, MediaCallFactory calls, AudioPumps pumps, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new SipCallLeg(peer, events, calls, pumps, logger, call);
    }

    /// <inheritdoc />
    public void Answer(InboundCallMode mode)
    {
        if (_incoming is not { } incoming)
        {
            return;
        }

        // Listen only: the caller hears the door, nothing they say reaches the loudspeaker (RFC 3264 §6.1 sendonly).
        var direction = mode == InboundCallMode.Talk ? MediaDirection.SendReceive : MediaDirection.SendOnly;
        _ = RunAsync(() => _calls.AnswerAsync(incoming, direction), mayFailOver: false);
    }

    /// <inheritdoc />
    public void Reject(int statusCode)
    {
        if (_incoming is { } incoming)
        {
            Observe(incoming.RejectAsync(statusCode));
            End(CallLegEndReason.LocalHangUp, statusCode, "rejected");
        }
    }

    /// <inheritdoc />
    public void HangUp()
    {
        MediaCall? call;
        lock (_gate)
        {
            _hangUpRequested = true;
            call = _call;
        }

        if (call is not null)
        {
            Observe(call.HangUpAsync());
        }
        else if (_incoming is { State: not SipCallState.Terminated } incoming)
        {
            Observe(incoming.RejectAsync(486));
        }
    }

    /// <inheritdoc />
    public void ConnectAudio()
    {
        if (Call is { } call && _pumps.Current() is { } pump)
        {
            call.ConnectAudio(pump);
        }
    }

    /// <summary>
    /// Runs one call attempt to its end. Returns the end instead of reporting it when <paramref name="mayFailOver"/>
    /// and the attempt failed in a way another account may get past (<see cref="IsAccountFailure"/>).
    /// </summary>
    private async Task<MediaCallEnd?> RunAsync(Func<Task<MediaCall>> start, bool mayFailOver)
    {
        MediaCall call;
        try
        {
            call = await start().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A call that cannot be placed or answered is a failed leg, not a crash.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LegFailed(_logger, Peer, exception);
            End(CallLegEndReason.Failed, 0, exception.Message);
            return null;
        }

        bool hangUp;
        lock (_gate)
        {
            _call = call;
            _ringing = false;
            hangUp = _hangUpRequested;
        }

        call.DtmfReceived += OnDigit;
        call.StateChanged += OnStateChanged;
        if (hangUp)
        {
            Observe(call.HangUpAsync());
        }

        try
        {
            if (await call.Answered.ConfigureAwait(false))
            {
                ReportAnswered();
            }

            var end = await call.Ended.ConfigureAwait(false);
            if (mayFailOver && !_answerReported && IsAccountFailure(end))
            {
                return end;
            }

            End(Map(end), end.StatusCode, end.Detail);
        }
#pragma warning disable CA1031 // STYLE.md: report and go on; the leg ends.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LegFailed(_logger, Peer, exception);
            End(CallLegEndReason.Failed, 0, exception.Message);
        }
        finally
        {
            call.DtmfReceived -= OnDigit;
            call.StateChanged -= OnStateChanged;
            await call.DisposeAsync().ConfigureAwait(false);
        }

        return null;
    }

    private void OnStateChanged(object? sender, MediaCallState state)
    {
        if (state == MediaCallState.Ringing)
        {
            lock (_gate)
            {
                _ringing = true;
            }

            _events.OnRinging(this);
        }
    }

    private void OnDigit(object? sender, CallDtmfEventArgs args)
    {
        lock (_gate)
        {
            if (!_answerReported)
            {
                (_digitsBeforeAnswer ??= []).Add((args.Digit, args.Source));
                return;
            }
        }

        _events.OnDigit(this, args.Digit, args.Source);
    }

    /// <summary>
    /// Reports the answer, then any digit decoded before it: the station must see the answer first or it would drop
    /// those digits as "not answered".
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

        _events.OnEnded(this, new CallLegEnd(reason, statusCode, detail));
    }

    private static CallLegEndReason Map(MediaCallEnd end) => end.Reason switch
    {
        MediaCallEndReason.RemoteHangUp => CallLegEndReason.RemoteHangUp,
        MediaCallEndReason.LocalHangUp or MediaCallEndReason.Shutdown => CallLegEndReason.LocalHangUp,
        MediaCallEndReason.MediaNotAcceptable => CallLegEndReason.MediaFailed,
        MediaCallEndReason.RtpTimeout => CallLegEndReason.RtpTimeout,
        MediaCallEndReason.Timeout => CallLegEndReason.NoAnswer,
        MediaCallEndReason.Rejected => end.StatusCode switch
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
