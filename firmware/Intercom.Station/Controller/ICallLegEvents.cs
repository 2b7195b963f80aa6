using Intercom.Media.Dtmf;

namespace Intercom.Station.Controller;

/// <summary>What a call leg reports back (port). Callable from any thread; the station serialises them on its loop.</summary>
public interface ICallLegEvents
{
    /// <summary>The far end rings (180/183).</summary>
    void OnRinging(ICallLeg leg);

    /// <summary>The call was answered and media negotiated.</summary>
    void OnAnswered(ICallLeg leg);

    /// <summary>A DTMF digit arrived by any transport (RFC 4733, SIP INFO, in-band).</summary>
    void OnDigit(ICallLeg leg, char digit, DtmfSource source);

    /// <summary>The leg is over (hung up, rejected, failed); reported exactly once.</summary>
    void OnEnded(ICallLeg leg, CallLegEnd outcome);
}
