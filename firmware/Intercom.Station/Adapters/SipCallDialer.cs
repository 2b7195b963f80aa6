using Intercom.Sip.UserAgent;
using Intercom.Station.Calls;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;
using Microsoft.Extensions.Logging;

namespace Intercom.Station.Adapters;

/// <summary>Places the station's calls through the SIP user agent (first registered account, or the target's account).</summary>
public sealed class SipCallDialer : ICallDialer
{
    private readonly SipUserAgent _agent;
    private readonly MediaCallFactory _calls;
    private readonly AudioPumps _pumps;
    private readonly ILogger _logger;

    /// <summary>Creates the dialer.</summary>
    public SipCallDialer(SipUserAgent agent, MediaCallFactory calls, AudioPumps pumps, ILogger logger)
    {
        _agent = agent;
        _calls = calls;
        _pumps = pumps;
        _logger = logger;
    }

    /// <summary>Raised for every leg placed (benchmarks and tests watch media statistics).</summary>
    public event EventHandler<SipCallLeg>? LegCreated;

    /// <inheritdoc />
    public ICallLeg Dial(CallTargetOptions target, ICallLegEvents events)
    {
        var leg = SipCallLeg.Dial(_agent, target, events, _calls, _pumps, _logger);
        LegCreated?.Invoke(this, leg);
        return leg;
    }
}
