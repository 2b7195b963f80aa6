using Microsoft.Extensions.Logging;

namespace Intercom.Station.Controller;

/// <summary>Source-generated log messages of the door station (event ids 6000-6099). Never a door code's digits.</summary>
internal static partial class StationLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Error, Message = "A door station action failed (our bug); the station goes on")]
    public static partial void LoopActionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Button {Button} pressed: calling {Targets} ({Mode})")]
    public static partial void CallStarted(ILogger logger, string button, string targets, Intercom.Station.Configuration.CallPlanMode mode);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Button {Button} pressed during a call: {Action}")]
    public static partial void SecondPress(ILogger logger, string button, Intercom.Station.Configuration.SecondPressAction action);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Call answered by {Peer} ({Codec}, SRTP {Srtp})")]
    public static partial void Answered(ILogger logger, string peer, string codec, bool srtp);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Call ended: {Reason} after {Duration}")]
    public static partial void CallEnded(ILogger logger, CallEndReason reason, TimeSpan duration);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "Leg {Peer} ended: {Reason} {StatusCode} {Detail}")]
    public static partial void LegEnded(ILogger logger, string peer, CallLegEndReason reason, int statusCode, string detail);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "Ringing {Peer}")]
    public static partial void Dialing(ILogger logger, string peer);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Warning, Message = "Door code accepted: relay {Relay} pulsed")]
    public static partial void DoorOpened(ILogger logger, string relay);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Warning, Message = "Wrong door code ({InCall} in this call, {InARow} in a row)")]
    public static partial void WrongCode(ILogger logger, int inCall, int inARow);

    [LoggerMessage(EventId = 6009, Level = LogLevel.Warning, Message = "Door codes locked out for {Duration} after {Count} wrong codes in a row")]
    public static partial void CodeLockout(ILogger logger, TimeSpan duration, int count);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "Door code refused: {Why}")]
    public static partial void CodeRefused(ILogger logger, string why);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Warning, Message = "Tamper switch tripped: relays locked out for {Duration}")]
    public static partial void Tamper(ILogger logger, TimeSpan duration);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Warning, Message = "Door open for more than {Duration}")]
    public static partial void DoorOpenTooLong(ILogger logger, TimeSpan duration);

    [LoggerMessage(EventId = 6013, Level = LogLevel.Information, Message = "Exit button {Input}: relay {Relay} pulsed")]
    public static partial void ExitButton(ILogger logger, string input, string relay);

    [LoggerMessage(EventId = 6014, Level = LogLevel.Information, Message = "Inbound call from {Caller} answered ({Mode})")]
    public static partial void InboundAnswered(ILogger logger, string caller, Intercom.Station.Configuration.InboundCallMode mode);

    [LoggerMessage(EventId = 6015, Level = LogLevel.Information, Message = "Inbound call from {Caller} rejected: busy with another call")]
    public static partial void InboundBusy(ILogger logger, string caller);

    [LoggerMessage(EventId = 6016, Level = LogLevel.Information, Message = "DTMF {Masked} via {Source} ignored: {Why}")]
    public static partial void DigitIgnored(ILogger logger, char masked, Intercom.Media.Dtmf.DtmfSource source, string why);

    [LoggerMessage(EventId = 6017, Level = LogLevel.Warning, Message = "The journal failed to record; the call goes on")]
    public static partial void JournalFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6018, Level = LogLevel.Warning, Message = "Door code matched relay {Relay}, but it is not configured")]
    public static partial void RelayMissing(ILogger logger, string relay);
}
