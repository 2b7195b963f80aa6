namespace Intercom.Hardware.Configuration;

/// <summary>One relay output (door strike, gate, light): <c>hardware.relays[i]</c>.</summary>
public sealed class RelayOptions
{
    /// <summary>Name used in logs, the API routes and door codes (lower case letters, digits, '-').</summary>
    public string Name { get; set; } = "";

    /// <summary>BCM GPIO number; give either this or <see cref="Channel"/>.</summary>
    public int? Pin { get; set; }

    /// <summary>A channel of the board profile; give either this or <see cref="Pin"/>.</summary>
    public string? Channel { get; set; }

    /// <summary>True for boards whose relay closes when the GPIO is low. Default: the channel's, else false.</summary>
    public bool? ActiveLow { get; set; }

    /// <summary>Monostable (pulse) or bistable (toggle).</summary>
    public RelayMode Mode { get; set; } = RelayMode.Monostable;

    /// <summary>How long a pulse keeps the relay on.</summary>
    public TimeSpan PulseDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Hard limit on continuous on-time, enforced by the independent relay supervisor.</summary>
    public TimeSpan MaximumOnTime { get; set; } = TimeSpan.FromSeconds(10);
}
