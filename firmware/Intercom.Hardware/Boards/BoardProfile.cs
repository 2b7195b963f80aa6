namespace Intercom.Hardware.Boards;

/// <summary>A board profile from <c>hardware/boards/NAME.json</c>: which GPIO drives which relay, button or LED.</summary>
/// <param name="Name">Profile name, as <c>hardware.board</c> names it.</param>
/// <param name="Description">What the board is and its wiring caveats.</param>
/// <param name="Channels">The board's channels.</param>
public sealed record BoardProfile(string Name, string Description, IReadOnlyList<BoardChannel> Channels)
{
    /// <summary>Finds a channel by name (ordinal).</summary>
    public BoardChannel? FindChannel(string name)
    {
        foreach (var channel in Channels)
        {
            if (string.Equals(channel.Name, name, StringComparison.Ordinal))
            {
                return channel;
            }
        }

        return null;
    }
}
