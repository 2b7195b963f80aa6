namespace Intercom.Station.Controller;

/// <summary>Why a door station call ended (call log, status page).</summary>
public enum CallEndReason
{
    /// <summary>The resident (or the inbound caller) hung up.</summary>
    RemoteHangUp,

    /// <summary>The station hung up a set time after the door opened.</summary>
    DoorOpened,

    /// <summary>The maximum call time was reached.</summary>
    MaximumCallTime,

    /// <summary>A press during the call ended it.</summary>
    SecondPress,

    /// <summary>A press during the call restarted the plan.</summary>
    Restarted,

    /// <summary>Nobody answered within the ring time.</summary>
    NoAnswer,

    /// <summary>Every target was busy.</summary>
    Busy,

    /// <summary>Every target failed (rejected, unreachable, no account registered).</summary>
    Failed,

    /// <summary>Too many wrong door codes in this call.</summary>
    WrongCodes,

    /// <summary>The media stopped (RTP timeout) or could not be negotiated.</summary>
    MediaFailure,

    /// <summary>An inbound call arrived while another call was up (486).</summary>
    BusyHere,

    /// <summary>The service stopped.</summary>
    Shutdown,

    /// <summary>Ended through the HTTP API or an MQTT command.</summary>
    HungUpRemotely,
}
