namespace Intercom.Web.Station;

/// <summary>The result of an action.</summary>
/// <param name="Status">How it went.</param>
/// <param name="Message">What was done, or why not, in words for the installer.</param>
/// <param name="DurationMilliseconds">How long the press is held or the relay stays on; 0 otherwise.</param>
public sealed record ActionOutcome(ActionStatus Status, string Message, double DurationMilliseconds = 0);
