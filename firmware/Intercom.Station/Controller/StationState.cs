namespace Intercom.Station.Controller;

/// <summary>Where the door station's one call is.</summary>
public enum StationState
{
    /// <summary>No call.</summary>
    Idle,

    /// <summary>A visitor call is ringing its targets.</summary>
    Ringing,

    /// <summary>An inbound call is being answered.</summary>
    Answering,

    /// <summary>A call is up.</summary>
    Talking,
}
