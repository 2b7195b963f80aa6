namespace Intercom.Web.Api.V1;

// The bodies of the API v1 routes added for home automation: one closed family, kept together.

/// <summary>A request to place a call: a button's call plan, or one target (SIP URI or number).</summary>
/// <param name="Button">The button whose plan rings (e.g. <c>door</c>).</param>
/// <param name="Target">One target instead of a plan.</param>
/// <param name="RingTimeoutSeconds">How long a target rings (5–300, default 30).</param>
public sealed record PlaceCallMessage(string? Button, string? Target, int? RingTimeoutSeconds);

/// <summary>The answer to a call action.</summary>
/// <param name="Action"><c>call</c> or <c>hangup</c>.</param>
/// <param name="Message">What was done.</param>
public sealed record CallActionMessage(string Action, string Message);

/// <summary>One finished call in the call log.</summary>
public sealed record CallRecordMessage(
    long Id, DateTimeOffset StartedAt, string Direction, string? Button, string Targets, string? AnsweredBy, double DurationSeconds,
    double TalkSeconds, string? Codec, bool Srtp, bool DoorOpened, string EndReason);

/// <summary>One event of the event log.</summary>
public sealed record EventRecordMessage(long Id, DateTimeOffset Time, string Kind, string? Subject, string Detail);

/// <summary>A page of the call log.</summary>
/// <param name="Items">Newest first.</param>
/// <param name="Total">Matching calls in all pages.</param>
/// <param name="Offset">Skipped.</param>
/// <param name="Limit">Asked for.</param>
public sealed record CallPageMessage(IReadOnlyList<CallRecordMessage> Items, int Total, int Offset, int Limit);

/// <summary>A page of the event log.</summary>
/// <param name="Items">Newest first.</param>
/// <param name="Total">Matching events in all pages.</param>
/// <param name="Offset">Skipped.</param>
/// <param name="Limit">Asked for.</param>
public sealed record EventPageMessage(IReadOnlyList<EventRecordMessage> Items, int Total, int Offset, int Limit);

/// <summary>An event of the event stream (<c>event: ring</c>, ...).</summary>
public sealed record StreamEventMessage(long Sequence, string Event, DateTimeOffset Time, string? Subject, string Detail);
