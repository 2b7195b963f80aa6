using Intercom.Hardware.Boards;
using Microsoft.Extensions.Options;

namespace Intercom.Hardware.Configuration;

/// <summary>
/// Validates the <c>hardware</c> section. Every message names the field by its JSON path and says how to fix it.
/// </summary>
public sealed class HardwareOptionsValidator : IValidateOptions<HardwareOptions>
{
    /// <summary>Shortest debounce time accepted.</summary>
    public static readonly TimeSpan MinimumDebounceTime = TimeSpan.FromMilliseconds(1);

    /// <summary>Longest debounce time accepted.</summary>
    public static readonly TimeSpan MaximumDebounceTime = TimeSpan.FromSeconds(1);

    /// <summary>Longest minimum press duration accepted.</summary>
    public static readonly TimeSpan LongestMinimumPressDuration = TimeSpan.FromSeconds(10);

    /// <summary>Shortest relay pulse accepted (a strike needs tens of milliseconds to pull in).</summary>
    public static readonly TimeSpan MinimumPulseDuration = TimeSpan.FromMilliseconds(50);

    /// <summary>The ceiling on any relay's maximum on-time: never unbounded.</summary>
    public static readonly TimeSpan CeilingOnTime = TimeSpan.FromHours(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, HardwareOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        ValidateGpio(options.Gpio, errors);

        var board = BoardProfileCatalog.Find(options.Board);
        if (board is null)
        {
            errors.Add($"hardware.board: unknown board profile \"{options.Board}\"; use one of {string.Join(", ", BoardProfileCatalog.Names)}");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var pins = new Dictionary<int, string>();
        for (var i = 0; i < options.Inputs.Count; i++)
        {
            var input = options.Inputs[i];
            var path = $"hardware.inputs[{i}]";
            if (input is null)
            {
                errors.Add($"{path}: null; give an object {{ \"name\": ..., \"pin\": ... }} or remove it");
                continue;
            }

            ValidateName(path, input.Name, names, errors);
            ValidatePin(path, board, input.Pin, input.Channel, PinResolver.Resolve(board, input), pins, errors);
            ValidateInputTimes(path, input, errors);
        }

        for (var i = 0; i < options.Relays.Count; i++)
        {
            var relay = options.Relays[i];
            var path = $"hardware.relays[{i}]";
            if (relay is null)
            {
                errors.Add($"{path}: null; give an object {{ \"name\": ..., \"pin\": ... }} or remove it");
                continue;
            }

            ValidateName(path, relay.Name, names, errors);
            ValidatePin(path, board, relay.Pin, relay.Channel, PinResolver.Resolve(board, relay), pins, errors);
            ValidateRelayTimes(path, relay, errors);
        }

        for (var i = 0; i < options.Leds.Count; i++)
        {
            var led = options.Leds[i];
            var path = $"hardware.leds[{i}]";
            if (led is null)
            {
                errors.Add($"{path}: null; give an object {{ \"name\": ..., \"pin\": ... }} or remove it");
                continue;
            }

            ValidateName(path, led.Name, names, errors);
            ValidatePin(path, board, led.Pin, led.Channel, PinResolver.Resolve(board, led), pins, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateGpio(GpioOptions gpio, List<string> errors)
    {
        if (gpio is null)
        {
            errors.Add("hardware.gpio: missing; add {\"driver\": \"simulated\"} or {\"driver\": \"libgpiod\", \"chipLabel\": \"pinctrl-bcm2711\"}");
            return;
        }

        if (!Enum.IsDefined(gpio.Driver))
        {
            errors.Add("hardware.gpio.driver: use \"simulated\" or \"libgpiod\"");
        }

        if (gpio.Driver == GpioDriverKind.Libgpiod && string.IsNullOrWhiteSpace(gpio.ChipLabel))
        {
            errors.Add("hardware.gpio.chipLabel: required with the libgpiod driver; set the header chip's label (gpiodetect shows it): pinctrl-rp1 (Pi 5), pinctrl-bcm2711 (Pi 4), pinctrl-bcm2835 (Pi 3, Zero 2 W)");
        }

        if (gpio.LibgpiodApiVersion is not (1 or 2))
        {
            errors.Add($"hardware.gpio.libgpiodApiVersion: {gpio.LibgpiodApiVersion} is not supported; use 1 (libgpiod.so.2, Debian 12) or 2 (libgpiod.so.3, Debian 13)");
        }
    }

    private static void ValidateName(string path, string name, HashSet<string> names, List<string> errors)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 32 || !IsRouteSafe(name))
        {
            errors.Add($"{path}.name: \"{name}\" is not a valid name; use 1-32 lower case letters, digits or '-' (it appears in API routes), e.g. \"door\"");
            return;
        }

        if (!names.Add(name))
        {
            errors.Add($"{path}.name: \"{name}\" is used twice; give every input, relay and LED its own name");
        }
    }

    private static bool IsRouteSafe(string name)
    {
        foreach (var character in name)
        {
            if (character is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static void ValidatePin(
        string path, BoardProfile? board, int? pin, string? channel, ResolvedPin? resolved,
        Dictionary<int, string> pins, List<string> errors)
    {
        if (pin is not null && channel is not null)
        {
            errors.Add($"{path}: both pin and channel are set; keep one of them");
            return;
        }

        if (pin is null && channel is null)
        {
            errors.Add($"{path}: neither pin nor channel is set; give a BCM GPIO number as \"pin\" or a board channel as \"channel\"");
            return;
        }

        if (pin is int number && number is < PinResolver.LowestHeaderPin or > PinResolver.HighestHeaderPin)
        {
            errors.Add($"{path}.pin: {number} is not on the 40-pin header; use a BCM GPIO number from {PinResolver.LowestHeaderPin} to {PinResolver.HighestHeaderPin}");
            return;
        }

        if (resolved is null)
        {
            if (board is not null)
            {
                var channels = string.Join(", ", board.Channels.Select(c => c.Name));
                errors.Add($"{path}.channel: board \"{board.Name}\" has no channel \"{channel}\"; use one of {channels}");
            }

            return;
        }

        var gpio = resolved.Value.Pin;
        if (!pins.TryAdd(gpio, path))
        {
            errors.Add($"{path}: GPIO {gpio} is already used by {pins[gpio]}; wire each item to its own GPIO");
        }
    }

    private static void ValidateInputTimes(string path, InputOptions input, List<string> errors)
    {
        if (input.DebounceTime < MinimumDebounceTime || input.DebounceTime > MaximumDebounceTime)
        {
            errors.Add($"{path}.debounceTime: {input.DebounceTime} is out of range; use {MinimumDebounceTime} to {MaximumDebounceTime} (typical \"00:00:00.030\")");
        }

        if (input.MinimumPressDuration < input.DebounceTime || input.MinimumPressDuration > LongestMinimumPressDuration)
        {
            errors.Add($"{path}.minimumPressDuration: {input.MinimumPressDuration} is out of range; use at least debounceTime ({input.DebounceTime}) and at most {LongestMinimumPressDuration} (typical \"00:00:00.080\")");
        }

        if (!Enum.IsDefined(input.Bias))
        {
            errors.Add($"{path}.bias: use \"none\", \"pullUp\" or \"pullDown\"");
        }
    }

    private static void ValidateRelayTimes(string path, RelayOptions relay, List<string> errors)
    {
        if (relay.MaximumOnTime <= TimeSpan.Zero || relay.MaximumOnTime > CeilingOnTime)
        {
            errors.Add($"{path}.maximumOnTime: {relay.MaximumOnTime} is out of range; use more than zero and at most {CeilingOnTime} (a relay is never on without bound)");
        }

        if (relay.PulseDuration < MinimumPulseDuration)
        {
            errors.Add($"{path}.pulseDuration: {relay.PulseDuration} is too short for a relay to pull in; use at least {MinimumPulseDuration} (typical \"00:00:03\")");
        }
        else if (relay.PulseDuration > relay.MaximumOnTime)
        {
            errors.Add($"{path}.pulseDuration: {relay.PulseDuration} is longer than maximumOnTime ({relay.MaximumOnTime}); shorten pulseDuration or raise maximumOnTime");
        }
    }
}
