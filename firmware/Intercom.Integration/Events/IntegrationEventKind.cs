namespace Intercom.Integration.Events;

/// <summary>What home automation is told about (webhooks, MQTT, the API's event stream).</summary>
public enum IntegrationEventKind
{
    /// <summary>A visitor call started ringing (the doorbell).</summary>
    Ring,

    /// <summary>A call was answered.</summary>
    Answered,

    /// <summary>A visitor call ended without an answer.</summary>
    Missed,

    /// <summary>A call ended.</summary>
    CallEnded,

    /// <summary>A relay opened the door (door code, exit button, API or MQTT command).</summary>
    DoorOpened,

    /// <summary>The tamper switch tripped.</summary>
    Tamper,

    /// <summary>A SIP account that was registered is not any more.</summary>
    RegistrationLost,

    /// <summary>A SIP account registered again after a loss.</summary>
    RegistrationRestored,
}
