namespace Intercom.Web.Api;

// The call log page's bodies: one closed family, kept together.

/// <summary>One call of the call log.</summary>
/// <param name="Id">Its number.</param>
/// <param name="StartedAt">When the button was pressed or the call came in (device clock).</param>
/// <param name="Direction"><c>visitor</c> or <c>inbound</c>.</param>
/// <param name="Button">The button pressed (or <c>test call</c>); null for inbound calls.</param>
/// <param name="Targets">Who was called, or the caller.</param>
/// <param name="AnsweredBy">Who answered; null when nobody did.</param>
/// <param name="DurationSeconds">From start to end.</param>
/// <param name="TalkSeconds">From answer to end.</param>
/// <param name="Codec">The negotiated codec; null when not answered.</param>
/// <param name="Srtp">True when the audio was encrypted.</param>
/// <param name="DoorOpened">True when a door code opened a door during the call.</param>
/// <param name="EndReason">Why it ended (camelCase of the station's reason).</param>
public sealed record CallLogEntryMessage(
    long Id, DateTimeOffset StartedAt, string Direction, string? Button, string Targets, string? AnsweredBy, double DurationSeconds,
    double TalkSeconds, string? Codec, bool Srtp, bool DoorOpened, string EndReason);

/// <summary>One page of the call log.</summary>
/// <param name="Items">The calls, newest first.</param>
/// <param name="Total">How many calls match the filter.</param>
/// <param name="Offset">How many matching calls come before this page.</param>
/// <param name="Limit">The page size.</param>
public sealed record CallLogPageMessage(IReadOnlyList<CallLogEntryMessage> Items, int Total, int Offset, int Limit);

/// <summary>One event of the station's persistent event log.</summary>
/// <param name="Id">Its number.</param>
/// <param name="Time">When (device clock).</param>
/// <param name="Kind">What (camelCase of the station's event kind).</param>
/// <param name="Subject">The button, relay or account it concerns.</param>
/// <param name="Detail">More in words; never a door code digit.</param>
public sealed record JournalEntryMessage(long Id, DateTimeOffset Time, string Kind, string? Subject, string Detail);

/// <summary>One page of the event log.</summary>
/// <param name="Items">The events, newest first.</param>
/// <param name="Total">How many events match the filter.</param>
/// <param name="Offset">How many matching events come before this page.</param>
/// <param name="Limit">The page size.</param>
public sealed record JournalPageMessage(IReadOnlyList<JournalEntryMessage> Items, int Total, int Offset, int Limit);

/// <summary>A test call request body.</summary>
/// <param name="Button">A door button whose plan runs.</param>
/// <param name="Target">Or one target to call.</param>
/// <param name="Account">The account for the target; empty for the first registered one.</param>
public sealed record TestCallMessage(string? Button, string? Target, string? Account);
