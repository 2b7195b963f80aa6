namespace Intercom.Station.Controller;

/// <summary>The call LED's patterns.</summary>
public enum StationIndication
{
    /// <summary>Nothing going on: off.</summary>
    Idle,

    /// <summary>The call is going out: slow blink.</summary>
    Calling,

    /// <summary>Talking: steady on.</summary>
    Talking,

    /// <summary>The door was just opened: fast blink.</summary>
    DoorOpen,
}
