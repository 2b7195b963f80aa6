namespace Intercom.Integration.Events;

/// <summary>How a door command went.</summary>
/// <param name="Done">True when the relay pulsed.</param>
/// <param name="Message">What was done or why not.</param>
public sealed record DoorCommandResult(bool Done, string Message);
