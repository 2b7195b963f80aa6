using Intercom.Hardware.Boards;

namespace Intercom.Hardware.Configuration;

/// <summary>Turns an item's <c>pin</c> or <c>channel</c> into a BCM GPIO number and active level.</summary>
public static class PinResolver
{
    /// <summary>The lowest BCM GPIO number on the 40-pin header.</summary>
    public const int LowestHeaderPin = 0;

    /// <summary>The highest BCM GPIO number on the 40-pin header.</summary>
    public const int HighestHeaderPin = 27;

    /// <summary>
    /// Resolves one item. Returns null when the item names neither a pin nor a known channel
    /// (the validator reports that case with a message).
    /// </summary>
    public static ResolvedPin? Resolve(BoardProfile? board, int? pin, string? channel, bool? activeLow, bool defaultActiveLow)
    {
        if (pin is int number)
        {
            return new ResolvedPin(number, activeLow ?? defaultActiveLow);
        }

        if (channel is not null && board?.FindChannel(channel) is BoardChannel found)
        {
            return new ResolvedPin(found.Pin, activeLow ?? found.ActiveLow);
        }

        return null;
    }

    /// <summary>Resolves an input (default active-low: a button to ground with pull-up).</summary>
    public static ResolvedPin? Resolve(BoardProfile? board, InputOptions input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Resolve(board, input.Pin, input.Channel, input.ActiveLow, defaultActiveLow: true);
    }

    /// <summary>Resolves a relay (default active-high).</summary>
    public static ResolvedPin? Resolve(BoardProfile? board, RelayOptions relay)
    {
        ArgumentNullException.ThrowIfNull(relay);
        return Resolve(board, relay.Pin, relay.Channel, relay.ActiveLow, defaultActiveLow: false);
    }

    /// <summary>Resolves an LED (default active-high).</summary>
    public static ResolvedPin? Resolve(BoardProfile? board, LedOptions led)
    {
        ArgumentNullException.ThrowIfNull(led);
        return Resolve(board, led.Pin, led.Channel, led.ActiveLow, defaultActiveLow: false);
    }
}
