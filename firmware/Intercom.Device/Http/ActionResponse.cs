namespace Intercom.Device.Http;

/// <summary>The body of a successful action (press, pulse).</summary>
/// <param name="Name">The input or relay.</param>
/// <param name="Action">What was done: <c>press</c> or <c>pulse</c>.</param>
/// <param name="DurationMilliseconds">How long the press is held or the relay stays on.</param>
public sealed record ActionResponse(string Name, string Action, double DurationMilliseconds);
