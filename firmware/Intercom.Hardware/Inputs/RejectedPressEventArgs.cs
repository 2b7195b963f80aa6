namespace Intercom.Hardware.Inputs;

/// <summary>Activity on an input that did not count as a press (shorter than the minimum press duration).</summary>
/// <param name="heldFor">From the first active edge to the last inactive edge of the burst.</param>
/// <param name="edgeCount">Raw edges in the burst.</param>
public sealed class RejectedPressEventArgs(TimeSpan heldFor, int edgeCount) : EventArgs
{
    /// <summary>From the first active edge to the last inactive edge of the burst.</summary>
    public TimeSpan HeldFor { get; } = heldFor;

    /// <summary>Raw edges in the burst.</summary>
    public int EdgeCount { get; } = edgeCount;
}
