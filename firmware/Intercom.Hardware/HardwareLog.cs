using System.Device.Gpio;
using Intercom.Hardware.Configuration;
using Microsoft.Extensions.Logging;

namespace Intercom.Hardware;

/// <summary>Source-generated log messages of the hardware layer (event ids 2000–2099).</summary>
internal static partial class HardwareLog
{
    [LoggerMessage(2000, LogLevel.Debug, "Input {Name}: raw {Edge} edge on GPIO {Pin}")]
    public static partial void RawEdge(ILogger logger, string name, int pin, PinEventTypes edge);

    [LoggerMessage(2001, LogLevel.Information, "Input {Name} ({Kind}) active")]
    public static partial void InputActivated(ILogger logger, string name, InputKind kind);

    [LoggerMessage(2002, LogLevel.Information, "Input {Name} ({Kind}) released after {HeldMilliseconds:F0} ms")]
    public static partial void InputReleased(ILogger logger, string name, InputKind kind, double heldMilliseconds);

    [LoggerMessage(2003, LogLevel.Information, "Input {Name}: ignored activity of {HeldMilliseconds:F0} ms ({EdgeCount} edges), shorter than the minimum press")]
    public static partial void PressRejected(ILogger logger, string name, double heldMilliseconds, int edgeCount);

    [LoggerMessage(2004, LogLevel.Error, "Input {Name}: a subscriber failed")]
    public static partial void SubscriberFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(2010, LogLevel.Information, "Relay {Name} on for {PulseMilliseconds:F0} ms")]
    public static partial void RelayPulsed(ILogger logger, string name, double pulseMilliseconds);

    [LoggerMessage(2011, LogLevel.Warning, "Relay {Name}: pulse of {RequestedMilliseconds:F0} ms clamped to the maximum on-time of {UsedMilliseconds:F0} ms")]
    public static partial void PulseClamped(ILogger logger, string name, double requestedMilliseconds, double usedMilliseconds);

    [LoggerMessage(2012, LogLevel.Information, "Relay {Name} off")]
    public static partial void RelayOff(ILogger logger, string name);

    [LoggerMessage(2013, LogLevel.Error, "Relay {Name}: switching off at the end of the pulse failed; the supervisor will force it off")]
    public static partial void RelayOffFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(2020, LogLevel.Error, "Relay supervisor forced {Name} off after {OnMilliseconds:F0} ms on (maximum {MaximumMilliseconds:F0} ms)")]
    public static partial void SupervisorForcedOff(ILogger logger, string name, double onMilliseconds, double maximumMilliseconds);

    [LoggerMessage(2021, LogLevel.Error, "Relay supervisor: checking {Name} failed")]
    public static partial void SupervisorFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(2030, LogLevel.Information, "Hardware ready on board {Board} with the {Driver} GPIO driver: {InputCount} inputs, {RelayCount} relays, {LedCount} LEDs")]
    public static partial void HardwareReady(ILogger logger, string board, GpioDriverKind driver, int inputCount, int relayCount, int ledCount);

    [LoggerMessage(2031, LogLevel.Information, "Outputs driven to their off levels: {OutputCount}")]
    public static partial void OutputsSafe(ILogger logger, int outputCount);
}
