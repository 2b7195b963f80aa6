using Intercom.Station.Controller;

namespace Intercom.Station.Journal;

/// <summary>A filter and page over the call log (newest first).</summary>
public sealed record CallLogQuery
{
    /// <summary>Calls that started at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Calls that started before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only visitor or only inbound calls.</summary>
    public CallDirection? Direction { get; init; }

    /// <summary>Only calls from this button.</summary>
    public string? Button { get; init; }

    /// <summary>Only calls that ended this way.</summary>
    public CallEndReason? EndReason { get; init; }

    /// <summary>Only calls where the door was (or was not) opened.</summary>
    public bool? DoorOpened { get; init; }

    /// <summary>Rows to skip (paging).</summary>
    public int Offset { get; init; }

    /// <summary>Rows to return, 1–500.</summary>
    public int Limit { get; init; } = 50;
}
