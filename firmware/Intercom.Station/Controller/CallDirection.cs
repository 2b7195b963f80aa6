namespace Intercom.Station.Controller;

/// <summary>Who started a call.</summary>
public enum CallDirection
{
    /// <summary>A visitor pressed a button: the station called out.</summary>
    Visitor,

    /// <summary>A resident called the station.</summary>
    Inbound,
}
