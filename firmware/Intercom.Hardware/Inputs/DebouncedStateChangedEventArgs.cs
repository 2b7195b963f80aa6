namespace Intercom.Hardware.Inputs;

/// <summary>A debounced input changed state.</summary>
/// <param name="active">The new state.</param>
/// <param name="heldFor">For a release: how long the input was active. Zero for an activation.</param>
public sealed class DebouncedStateChangedEventArgs(bool active, TimeSpan heldFor) : EventArgs
{
    /// <summary>The new state: true when the input became active (pressed, door open, tamper open).</summary>
    public bool Active { get; } = active;

    /// <summary>For a release: how long the input was active, from its first edge. Zero for an activation.</summary>
    public TimeSpan HeldFor { get; } = heldFor;
}
