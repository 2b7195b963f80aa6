namespace Intercom.Station.Configuration;

/// <summary>How an allowed inbound call is answered.</summary>
public enum InboundCallMode
{
    /// <summary>Both directions: the caller speaks through the door station's loudspeaker.</summary>
    Talk,

    /// <summary>The caller only listens to the door microphone; nothing reaches the loudspeaker.</summary>
    ListenOnly,
}
