using Intercom.Sip.UserAgent;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;
using Microsoft.Extensions.Logging;

namespace Intercom.Station.Adapters;

/// <summary>Places the station's calls through the SIP user agent (first registered account, or the target's account).</summary>
public sealed class SipCallDialer : ICallDialer
{
    private readonly SipUserAgent _agent;
    private readonly CallMediaFactory _media;
    private readonly AudioPath _audio;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates the dialer.</summary>
    public SipCallDialer(SipUserAgent agent, CallMediaFactory media, AudioPath audio, TimeProvider timeProvider, ILogger logger)
    {
        _agent = agent;
        _media = media;
        _audio = audio;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Raised for every leg placed (benchmarks and tests watch media statistics).</summary>
    public event EventHandler<SipCallLeg>? LegCreated;

    /// <inheritdoc />
    public ICallLeg Dial(CallTargetOptions target, ICallLegEvents events)
    {
        var leg = SipCallLeg.Dial(_agent, target, events, _media, _audio, _timeProvider, _logger);
        LegCreated?.Invoke(this, leg);
        return leg;
    }
}
