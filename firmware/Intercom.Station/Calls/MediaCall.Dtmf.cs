using System.Globalization;
using Intercom.Media.Dtmf;
using Intercom.Media.Session;
using Intercom.Sip.UserAgent;

namespace Intercom.Station.Calls;

/// <summary>DTMF both ways: every transport in, the configured one out.</summary>
public sealed partial class MediaCall
{
    private static readonly TimeSpan DefaultDigitDuration = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ShortestDigit = TimeSpan.FromMilliseconds(40);
    private static readonly TimeSpan LongestDigit = TimeSpan.FromSeconds(5);
    private const int MaximumHeldDigits = 32;
    private readonly Lock _dtmfGate = new();
    private EventHandler<CallDtmfEventArgs>? _dtmfReceived;
    private List<CallDtmfEventArgs>? _dtmfWithoutSubscriber;
    private List<(char Digit, DtmfSource Source)>? _digitsBeforeConnect;
    private bool _answerGiven;

    /// <summary>
    /// Sends one digit the way <see cref="CallMediaProfile.DtmfMode"/> says: RFC 4733 events (auto picks SIP INFO
    /// when the peer negotiated no telephone-event), SIP INFO <c>application/dtmf-relay</c>, or in-band tones.
    /// True when the digit went out (INFO: the peer answered 2xx); false when the call is not connected or the
    /// transport is not available.
    /// </summary>
    public async Task<bool> SendDtmfAsync(char digit, TimeSpan? duration = null)
    {
        if (!DtmfDigits.IsDigit(char.ToUpperInvariant(digit)))
        {
            throw new ArgumentOutOfRangeException(nameof(digit), digit, "DTMF digits are 0-9, *, # and A-D.");
        }

        digit = char.ToUpperInvariant(digit);
        TimeSpan length = Clamp(duration ?? DefaultDigitDuration);
        if (State != MediaCallState.Connected || Media is not { } media)
        {
            return false;
        }

        bool telephoneEvents = media.TelephoneEventPayloadType >= 0;
        switch (_profile.DtmfMode)
        {
            case DtmfMode.Info:
            case DtmfMode.Auto when !telephoneEvents:
                return await SendInfoDigitAsync(digit, length).ConfigureAwait(false);
            case DtmfMode.InBand:
                return _tones.Enqueue(digit, length) || NotSent("32 digits already wait to be played");
            default:
                if (!telephoneEvents)
                {
                    return NotSent("the peer negotiated no telephone-event payload type");
                }

                lock (_sessionGate)
                {
                    return _session.SendDtmf(digit, length) || NotSent("the RFC 4733 queue is full");
                }
        }
    }

    private async Task<bool> SendInfoDigitAsync(char digit, TimeSpan duration)
    {
        // The de-facto application/dtmf-relay body (Cisco, widely supported): Signal and Duration in ms.
        string body = string.Create(CultureInfo.InvariantCulture, $"Signal={digit}\r\nDuration={(int)duration.TotalMilliseconds}\r\n");
        SipResponseInfo response = await _sip.SendInfoAsync(SipBody.FromText("application/dtmf-relay", body)).ConfigureAwait(false);
        return response.IsSuccess || NotSent($"INFO answered {response.StatusCode} {response.ReasonPhrase}");
    }

    private bool NotSent(string reason)
    {
        CallLog.DigitNotSent(_logger, _sip.CallId, _profile.DtmfMode, reason);
        return false;
    }

    private void OnInfo(SipInfoReceivedEvent info)
    {
        if (info.Body is not { } body)
        {
            return;
        }

        DtmfInfoResult result = SipInfoDtmfParser.Parse(body.ContentType, body.Text);
        if (result.Success)
        {
            OnDigit(result.Digit, DtmfSource.SipInfo);
        }
        else
        {
            CallLog.InfoIgnored(_logger, _sip.CallId, result.Error);
        }
    }

    private void OnSessionDigit(object? sender, DtmfDigitEventArgs e)
    {
        if (ReferenceEquals(sender, Volatile.Read(ref _session)))
        {
            OnDigit(e.Digit, e.Source);
        }
    }

    private void OnDigit(char digit, DtmfSource source)
    {
        // Digits only count in an answered call: a door code is never taken from a ringing or ended one. Between the
        // answer (2xx received or sent) and Connected the media may already run (RTP queued on the socket while the
        // call's loop catches up): those digits are held and counted once connected.
        var state = State;
        if (state != MediaCallState.Connected)
        {
            if (state != MediaCallState.Ended && Volatile.Read(ref _answerGiven))
            {
                lock (_dtmfGate)
                {
                    _digitsBeforeConnect ??= [];
                    if (_digitsBeforeConnect.Count < MaximumHeldDigits)
                    {
                        _digitsBeforeConnect.Add((digit, source));
                    }
                }
            }

            return;
        }

        if (!_deduplicator.Accept(digit, source))
        {
            CallMetrics.DigitDuplicate();
            CallLog.DuplicateDigit(_logger, _sip.CallId, source);
            return;
        }

        Interlocked.Increment(ref _digitsReceived);
        CallMetrics.DigitAccepted(source);
        var received = new CallDtmfEventArgs(digit, source, _timeProvider.GetUtcNow());
        EventHandler<CallDtmfEventArgs>? handler;
        lock (_dtmfGate)
        {
            handler = _dtmfReceived;
            if (handler is null)
            {
                // Held for the first subscriber; a door code is at most 16 digits and a '#'.
                _dtmfWithoutSubscriber ??= [];
                if (_dtmfWithoutSubscriber.Count < MaximumHeldDigits)
                {
                    _dtmfWithoutSubscriber.Add(received);
                }

                return;
            }
        }

        Raise(handler, received);
    }

    /// <summary>Counts the digits decoded between the answer and Connected, in order.</summary>
    private void ReleaseDigitsBeforeConnect()
    {
        List<(char Digit, DtmfSource Source)>? held;
        lock (_dtmfGate)
        {
            held = _digitsBeforeConnect;
            _digitsBeforeConnect = null;
        }

        foreach (var (digit, source) in held ?? [])
        {
            OnDigit(digit, source);
        }
    }

    private static TimeSpan Clamp(TimeSpan duration) =>
        duration < ShortestDigit ? ShortestDigit : duration > LongestDigit ? LongestDigit : duration;
}
