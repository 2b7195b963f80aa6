namespace Intercom.Hardware.Configuration;

/// <summary>One wired input: <c>hardware.inputs[i]</c>.</summary>
public sealed class InputOptions
{
    /// <summary>Name used in logs, the API routes and call plans (lower case letters, digits, '-').</summary>
    public string Name { get; set; } = "";

    /// <summary>What the input means.</summary>
    public InputKind Kind { get; set; } = InputKind.DoorButton;

    /// <summary>BCM GPIO number; give either this or <see cref="Channel"/>.</summary>
    public int? Pin { get; set; }

    /// <summary>A channel of the board profile; give either this or <see cref="Pin"/>.</summary>
    public string? Channel { get; set; }

    /// <summary>True when the input reads low while active (button to ground). Default: the channel's, else true.</summary>
    public bool? ActiveLow { get; set; }

    /// <summary>Internal bias resistor.</summary>
    public InputBias Bias { get; set; } = InputBias.PullUp;

    /// <summary>How long the line must stay quiet before a level counts (contact bounce lasts ~1–20 ms).</summary>
    public TimeSpan DebounceTime { get; set; } = TimeSpan.FromMilliseconds(30);

    /// <summary>A press shorter than this is ignored (interference, brushing the button).</summary>
    public TimeSpan MinimumPressDuration { get; set; } = TimeSpan.FromMilliseconds(80);
}
