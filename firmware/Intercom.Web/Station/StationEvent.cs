namespace Intercom.Web.Station;

/// <summary>One line of the recent-events log.</summary>
/// <param name="Sequence">Increasing number, for "what is new since".</param>
/// <param name="Time">When it happened (the device clock).</param>
/// <param name="Category"><c>input</c>, <c>relay</c>, <c>login</c>, <c>configuration</c>, <c>audio</c>, <c>system</c> (later <c>sip</c>, <c>call</c>, <c>dtmf</c>).</param>
/// <param name="Message">What happened; never a secret or door-code digit.</param>
public sealed record StationEvent(long Sequence, DateTimeOffset Time, string Category, string Message);
