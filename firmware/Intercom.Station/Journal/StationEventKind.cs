namespace Intercom.Station.Journal;

/// <summary>What happened, for the event log.</summary>
public enum StationEventKind
{
    /// <summary>A door button was pressed.</summary>
    ButtonPressed,

    /// <summary>A door code was accepted and its relay pulsed (the digits are never stored).</summary>
    DoorCodeAccepted,

    /// <summary>A wrong door code was entered (the digits are never stored).</summary>
    DoorCodeRejected,

    /// <summary>A door code was refused because codes are locked out (wrong codes or tamper).</summary>
    DoorCodeRefused,

    /// <summary>Too many wrong codes: codes are locked out.</summary>
    DoorCodeLockout,

    /// <summary>The exit button opened the door.</summary>
    ExitButton,

    /// <summary>The door stayed open too long.</summary>
    DoorOpenTooLong,

    /// <summary>The door closed after an alarm.</summary>
    DoorClosed,

    /// <summary>The tamper switch tripped: relays locked out.</summary>
    Tamper,

    /// <summary>A SIP account's registration changed.</summary>
    RegistrationChanged,

    /// <summary>An inbound call was refused by the policy (403).</summary>
    InboundRefused,
}
