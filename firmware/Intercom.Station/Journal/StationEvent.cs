namespace Intercom.Station.Journal;

/// <summary>One event in the event log. <see cref="Detail"/> never holds a secret (no door code digits).</summary>
public sealed record StationEvent
{
    /// <summary>The row id (0 before it is stored).</summary>
    public long Id { get; init; }

    /// <summary>When (wall clock).</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>What.</summary>
    public required StationEventKind Kind { get; init; }

    /// <summary>The input, relay, account or caller concerned; null when none.</summary>
    public string? Subject { get; init; }

    /// <summary>A short description.</summary>
    public string Detail { get; init; } = string.Empty;
}
