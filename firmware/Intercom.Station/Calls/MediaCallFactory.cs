using System.Net;
using System.Security.Cryptography;
using Intercom.Media.Sdp;
using Intercom.Media.Session;
using Intercom.Sip.Messages;
using Intercom.Sip.UserAgent;
using Microsoft.Extensions.Logging;

namespace Intercom.Station.Calls;

/// <summary>
/// Makes <see cref="MediaCall"/>s: dials with an SDP offer in the INVITE, or answers an incoming
/// <see cref="SipCall"/> (negotiating its offer, or offering in the 200 when the INVITE had none). One factory per
/// device; the door station rings several phones in parallel by dialing several calls, each with its own
/// negotiator and media session, and hangs up the others when one answers.
/// </summary>
public sealed class MediaCallFactory
{
    private const string SdpContentType = "application/sdp";

    private readonly int _engineSampleRateHz;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private CallMediaOptions _options;

    /// <summary>Creates the factory.</summary>
    /// <param name="options">The validated <c>media</c> section (replace it with <see cref="Options"/> on a configuration change).</param>
    /// <param name="engineSampleRateHz">The audio engine's rate, 16000 or 48000 Hz (its 10 ms frames go through the media pump).</param>
    /// <param name="timeProvider">Clock for RTP timeouts, statistics and DTMF timing.</param>
    /// <param name="loggerFactory">Logs of calls and media sessions.</param>
    public MediaCallFactory(CallMediaOptions options, int engineSampleRateHz, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        if (engineSampleRateHz is not (16000 or 48000))
        {
            throw new ArgumentOutOfRangeException(nameof(engineSampleRateHz), engineSampleRateHz, "The audio engine runs at 16000 or 48000 Hz.");
        }

        _options = options;
        _engineSampleRateHz = engineSampleRateHz;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
    }

    /// <summary>The media settings new calls use (calls already running keep theirs).</summary>
    public CallMediaOptions Options
    {
        get => Volatile.Read(ref _options);
        set => Volatile.Write(ref _options, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>
    /// Places a call with our offer (the request's own offer is ignored). Returns once the INVITE is under way;
    /// follow <see cref="MediaCall.Answered"/> and <see cref="MediaCall.Ended"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The target or account cannot be used (see <see cref="SipUserAgent.CallAsync"/>).</exception>
    /// <exception cref="InvalidOperationException">No RTP port could be bound.</exception>
    public async Task<MediaCall> DialAsync(SipUserAgent agent, SipCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(request);
        SipAccount? account = agent.SelectAccount(request.AccountName);
        CallMediaProfile profile = Options.ForAccount(account?.Name);
        IPAddress local = await MediaAddressSelector.SelectAsync(profile.LocalAddress, agent.Options.Transport.BindAddress,
            PeerHostOf(request.Target, account), _timeProvider, cancellationToken).ConfigureAwait(false);
        MediaSession session = CreateSession(profile, local);
        try
        {
            var negotiator = new SdpNegotiator(profile.Media, profile.AdvertisedAddress ?? local, session.LocalRtpPort, NewSessionId());
            SipCallRequest withOffer = new()
            {
                Target = request.Target,
                AccountName = request.AccountName,
                ExtraHeaders = request.ExtraHeaders,
                Offer = SipBody.FromText(SdpContentType, negotiator.CreateOffer()),
            };
            SipCall sip = await agent.CallAsync(withOffer, cancellationToken).ConfigureAwait(false);
            var call = new MediaCall(sip, profile, local, _engineSampleRateHz, session, negotiator, _timeProvider, _loggerFactory);
            call.Start(answerExpected: true);
            return call;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Answers an incoming call that the inbound policy let through: negotiates the INVITE's offer and sends 200
    /// with our answer (media starts at once), offers in the 200 when the INVITE had no SDP (media starts with the
    /// ACK's answer), or refuses with 488 and a Warning naming the reason when the offer cannot be accepted (the
    /// returned call has then already ended with <see cref="MediaCallEndReason.MediaNotAcceptable"/>).
    /// </summary>
    /// <param name="incoming">The call from <see cref="SipUserAgent.IncomingCalls"/>, unanswered.</param>
    /// <param name="direction">SendReceive to talk, SendOnly to let the caller only listen.</param>
    /// <param name="cancellationToken">Cancels the address lookup.</param>
    /// <exception cref="InvalidOperationException">No RTP port could be bound (the call is rejected with 503 first).</exception>
    public async Task<MediaCall> AnswerAsync(SipCall incoming, MediaDirection direction = MediaDirection.SendReceive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        CallMediaProfile profile = Options.ForAccount(incoming.Account?.Name);
        SipVia? via = incoming.IncomingInvite?.TopVia;
        IPAddress local = await MediaAddressSelector.SelectAsync(profile.LocalAddress, IPAddress.Any, via?.Received ?? via?.Host,
            _timeProvider, cancellationToken).ConfigureAwait(false);
        MediaSession session;
        try
        {
            session = CreateSession(profile, local);
        }
        catch (InvalidOperationException)
        {
            await incoming.RejectAsync(503, "no RTP port free").ConfigureAwait(false);
            throw;
        }

        var negotiator = new SdpNegotiator(profile.Media, profile.AdvertisedAddress ?? local, session.LocalRtpPort, NewSessionId()) { Direction = direction };
        var call = new MediaCall(incoming, profile, local, _engineSampleRateHz, session, negotiator, _timeProvider, _loggerFactory);
        call.Start(answerExpected: false);
        await call.AcceptAsync().ConfigureAwait(false);
        return call;
    }

    private MediaSession CreateSession(CallMediaProfile profile, IPAddress local) =>
        new(new MediaSessionOptions
        {
            LocalAddress = local,
            RtpPortMinimum = profile.RtpPortMinimum,
            RtpPortMaximum = profile.RtpPortMaximum,
            EngineSampleRateHz = _engineSampleRateHz,
            RtpTimeout = profile.RtpTimeout,
            InBandDtmfDetection = profile.DetectsInBandDtmf,
        }, _timeProvider, _loggerFactory.CreateLogger<MediaSession>());

    /// <summary>The host our media goes towards: the target's host when it names one, else the account's proxy or registrar.</summary>
    private static string? PeerHostOf(string target, SipAccount? account)
    {
        string uriText = target.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || target.StartsWith("sips:", StringComparison.OrdinalIgnoreCase) ? target : "sip:" + target;
        if (SipUri.TryParse(uriText, out SipUri? uri) && (IPAddress.TryParse(uri.HostWithoutBrackets, out _) || target.Contains('@', StringComparison.Ordinal)))
        {
            return uri.HostWithoutBrackets;
        }

        return account?.OutboundProxy?.HostWithoutBrackets ?? account?.Registrar?.HostWithoutBrackets
            ?? (SipUri.TryParse(uriText, out SipUri? fallback) ? fallback.HostWithoutBrackets : null);
    }

    // RFC 4566 §5.2: the o= session id is a numeric string; a random 62-bit value avoids collisions across calls.
    private static ulong NewSessionId() => (ulong)RandomNumberGenerator.GetInt32(1, int.MaxValue) << 31 | (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
}
