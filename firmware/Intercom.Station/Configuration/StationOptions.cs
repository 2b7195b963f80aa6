namespace Intercom.Station.Configuration;

/// <summary>The door station section: <c>station</c>. Buttons with call plans, door codes, timings, inbound policy.</summary>
public sealed class StationOptions
{
    /// <summary>One entry per door button.</summary>
    public IReadOnlyList<ButtonOptions> Buttons { get; set; } = [];

    /// <summary>What a press does during a call.</summary>
    public SecondPressAction SecondPress { get; set; } = SecondPressAction.HangUp;

    /// <summary>The longest a call lasts; the visitor hears a warning tone <see cref="WarningBeforeEnd"/> before.</summary>
    public TimeSpan MaximumCallTime { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How long before the end of <see cref="MaximumCallTime"/> the warning tone plays.</summary>
    public TimeSpan WarningBeforeEnd { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Door codes, one or more per relay.</summary>
    public IReadOnlyList<DoorCodeOptions> DoorCodes { get; set; } = [];

    /// <summary>A code entry without <c>#</c> ends after this pause between digits.</summary>
    public TimeSpan InterDigitTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Wrong codes in one call before the station hangs up.</summary>
    public int MaximumWrongCodesPerCall { get; set; } = 3;

    /// <summary>Wrong codes in a row, across calls, before codes are locked out for <see cref="CodeLockoutDuration"/>.</summary>
    public int MaximumWrongCodes { get; set; } = 5;

    /// <summary>How long door codes are refused after too many wrong ones.</summary>
    public TimeSpan CodeLockoutDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The call ends this long after a door code opened the door; zero keeps the call up.</summary>
    public TimeSpan HangUpAfterDoorOpened { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The relay an <c>exitButton</c> input pulses (request to exit); null when none.</summary>
    public string? ExitButtonRelay { get; set; }

    /// <summary>A <c>doorContact</c> input active this long raises "door open too long".</summary>
    public TimeSpan DoorOpenTooLong { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A <c>tamper</c> input locks the door relays out this long (survives a restart).</summary>
    public TimeSpan TamperLockoutDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The LED that shows idle, calling, talking and door open; null for none.</summary>
    public string? CallLed { get; set; }

    /// <summary>The LED that shows faults (not registered, tamper); null for none.</summary>
    public string? StatusLed { get; set; }

    /// <summary>Inbound calls.</summary>
    public InboundPolicyOptions Inbound { get; set; } = new();
}
