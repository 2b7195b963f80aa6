using Intercom.Hardware;

namespace Intercom.Integration.Events;

/// <summary>
/// What home automation may make the station do (MQTT commands): open the door (pulse a relay, refused during a
/// tamper lockout) and end the current call. Successful openings are reported to the <see cref="StationEventFeed"/>.
/// </summary>
public sealed class DoorCommands
{
    private readonly DoorHardware _hardware;
    private readonly StationEventFeed _feed;

    /// <summary>Creates the commands over the door hardware and the feed (which knows the running station).</summary>
    public DoorCommands(DoorHardware hardware, StationEventFeed feed)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        ArgumentNullException.ThrowIfNull(feed);
        _hardware = hardware;
        _feed = feed;
    }

    /// <summary>
    /// Pulses <paramref name="relayName"/> (the first relay when empty); returns what was done or why not.
    /// <paramref name="source"/> names who asked, for the event.
    /// </summary>
    public DoorCommandResult OpenDoor(string? relayName, string source)
    {
        var relay = string.IsNullOrEmpty(relayName) ? (_hardware.Relays.Count > 0 ? _hardware.Relays[0] : null) : _hardware.FindRelay(relayName);
        if (relay is null)
        {
            return new DoorCommandResult(false, $"no relay named \"{relayName}\"");
        }

        if (_feed.Status is { TamperLockoutRemaining: var remaining } && remaining > TimeSpan.Zero)
        {
            return new DoorCommandResult(false, $"relays are locked out after tamper for {remaining.TotalSeconds:0} s more");
        }

        var used = relay.Pulse();
        _feed.ReportDoorOpened(relay.Name, source);
        return new DoorCommandResult(true, $"{relay.Name} on for {used.TotalSeconds:0.#} s");
    }

    /// <summary>Ends the current call; false when there is none or no station runs.</summary>
    public Task<bool> HangUpAsync() => _feed.Runtime?.Station.HangUpAsync() ?? Task.FromResult(false);
}
