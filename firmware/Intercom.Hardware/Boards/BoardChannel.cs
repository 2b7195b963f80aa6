namespace Intercom.Hardware.Boards;

/// <summary>A named connection point of a board: a BCM GPIO number and its active level.</summary>
/// <param name="Name">Channel name used by configuration items (<c>relay1</c>, <c>button1</c>).</param>
/// <param name="Pin">BCM GPIO number.</param>
/// <param name="ActiveLow">True when the channel is active at the low level.</param>
public sealed record BoardChannel(string Name, int Pin, bool ActiveLow);
