namespace Intercom.Station.Journal;

/// <summary>A filter and page over the event log (newest first).</summary>
public sealed record EventLogQuery
{
    /// <summary>Events at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Events before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only events of this kind.</summary>
    public StationEventKind? Kind { get; init; }

    /// <summary>Only events about this input, relay, account or caller.</summary>
    public string? Subject { get; init; }

    /// <summary>Rows to skip (paging).</summary>
    public int Offset { get; init; }

    /// <summary>Rows to return, 1–500.</summary>
    public int Limit { get; init; } = 50;
}
