using Intercom.Station.Controller;

namespace Intercom.Station.Journal;

/// <summary>One finished call in the call log.</summary>
public sealed record CallRecord
{
    /// <summary>The row id (0 before it is stored).</summary>
    public long Id { get; init; }

    /// <summary>When the call started (wall clock; may be off on a Pi before NTP sync).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Visitor (button) or inbound.</summary>
    public required CallDirection Direction { get; init; }

    /// <summary>The button (input name) for a visitor call; null for an inbound call.</summary>
    public string? Button { get; init; }

    /// <summary>The targets rung (visitor) or the caller (inbound), comma-separated.</summary>
    public required string Targets { get; init; }

    /// <summary>Who answered; null when nobody did.</summary>
    public string? AnsweredBy { get; init; }

    /// <summary>Time from start to end (monotonic clock).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Time talking (from answer to end); zero when not answered.</summary>
    public TimeSpan TalkTime { get; init; }

    /// <summary>The codec of the answered leg.</summary>
    public string? Codec { get; init; }

    /// <summary>True when the answered leg's media was encrypted.</summary>
    public bool Srtp { get; init; }

    /// <summary>True when a door code opened a relay during the call.</summary>
    public bool DoorOpened { get; init; }

    /// <summary>Why the call ended.</summary>
    public required CallEndReason EndReason { get; init; }
}
