namespace Intercom.Station.Configuration;

/// <summary>What a door button press does while a visitor call is already ringing or talking.</summary>
public enum SecondPressAction
{
    /// <summary>End the call (the visitor changed their mind).</summary>
    HangUp,

    /// <summary>Nothing: the press is logged and ignored.</summary>
    Ignore,

    /// <summary>End the call and start the pressed button's plan from the beginning.</summary>
    Restart,
}
