using Intercom.Station.Configuration;

namespace Intercom.Station.Controller;

/// <summary>Places outgoing calls (port): the real one over the SIP user agent with account failover.</summary>
public interface ICallDialer
{
    /// <summary>Starts a call to <paramref name="target"/>; progress goes to <paramref name="events"/>. Never throws for a failed call: it reports <see cref="ICallLegEvents.OnEnded"/>.</summary>
    ICallLeg Dial(CallTargetOptions target, ICallLegEvents events);
}
