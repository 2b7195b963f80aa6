using Intercom.Hardware.Configuration;
using Intercom.Station.Inbound;

namespace Intercom.Station.Configuration;

/// <summary>
/// Validates the <c>station</c> section against the rest of the file: buttons name door-button inputs, door codes
/// name relays, LEDs exist, targets name accounts. Messages name the field and the fix and never repeat a code.
/// </summary>
public sealed class StationOptionsValidator : IConfigurationSectionValidator
{
    /// <summary>RFC 4733 §3.2 events 0–15 as digits; <c>#</c> is the terminator and cannot be part of a code.</summary>
    private static readonly System.Buffers.SearchValues<char> CodeDigits = System.Buffers.SearchValues.Create("0123456789*ABCD");

    private static readonly System.Buffers.SearchValues<char> Unsafe = System.Buffers.SearchValues.Create(" \t\r\n\"<>");

    /// <inheritdoc />
    public string Name => "station";

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(IntercomOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var station = options.Station;
        var errors = new List<string>();
        if (station is null)
        {
            return ["station: the section is null; remove it to use the defaults or give it as an object { ... }"];
        }

        var accounts = (options.Sip?.Accounts ?? []).Select(account => account.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var inputs = options.Hardware.Inputs;
        var relays = options.Hardware.Relays.Select(relay => relay.Name).ToHashSet(StringComparer.Ordinal);
        var leds = options.Hardware.Leds.Select(led => led.Name).ToHashSet(StringComparer.Ordinal);
        ValidateButtons(station, inputs, accounts, errors);
        ValidateTimings(station, errors);
        ValidateCodes(station, relays, errors);
        if (station.ExitButtonRelay is string exitRelay && !relays.Contains(exitRelay))
        {
            errors.Add($"station.exitButtonRelay: no relay named \"{exitRelay}\" in hardware.relays; name one of them or remove the field");
        }

        CheckLed("station.callLed", station.CallLed, leds, errors);
        CheckLed("station.statusLed", station.StatusLed, leds, errors);
        ValidateInbound(station.Inbound, accounts, errors);
        return errors;
    }

    private static void ValidateButtons(StationOptions station, IReadOnlyList<InputOptions> inputs, HashSet<string> accounts, List<string> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < station.Buttons.Count; i++)
        {
            var button = station.Buttons[i];
            var path = $"station.buttons[{i}]";
            var input = inputs.FirstOrDefault(candidate => string.Equals(candidate.Name, button.Input, StringComparison.Ordinal));
            if (input is null)
            {
                errors.Add($"{path}.input: no input named \"{button.Input}\" in hardware.inputs; name a doorButton input");
            }
            else if (input.Kind != InputKind.DoorButton)
            {
                errors.Add($"{path}.input: \"{button.Input}\" is a {input.Kind} input; a call plan needs a doorButton input");
            }

            if (!seen.Add(button.Input))
            {
                errors.Add($"{path}.input: \"{button.Input}\" already has a call plan; give each button one entry");
            }

            if (button.Targets.Count is 0 or > 8)
            {
                errors.Add($"{path}.targets: {button.Targets.Count} targets; give 1 to 8");
            }

            for (var t = 0; t < button.Targets.Count; t++)
            {
                ValidateTarget($"{path}.targets[{t}]", button.Targets[t], accounts, errors);
            }

            if (button.Fallback is not null)
            {
                ValidateTarget($"{path}.fallback", button.Fallback, accounts, errors);
            }

            if (button.RingTimeout < TimeSpan.FromSeconds(5) || button.RingTimeout > TimeSpan.FromMinutes(5))
            {
                errors.Add($"{path}.ringTimeout: {button.RingTimeout} is out of range; use 00:00:05 to 00:05:00 (default 00:00:30)");
            }
        }
    }

    private static void ValidateTarget(string path, CallTargetOptions target, HashSet<string> accounts, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(target.Target) || target.Target.AsSpan().IndexOfAny(Unsafe) >= 0)
        {
            errors.Add($"{path}.target: \"{target.Target}\" is not callable; give an extension (**610), a sip: URI or an IP address without spaces");
        }

        if (target.Account is string account && !accounts.Contains(account))
        {
            errors.Add($"{path}.account: no account named \"{account}\" in sip.accounts; name one or remove the field to use any registered account");
        }

        if (target.RingTime < TimeSpan.FromSeconds(3) || target.RingTime > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{path}.ringTime: {target.RingTime} is out of range; use 00:00:03 to 00:05:00");
        }
    }

    private static void ValidateTimings(StationOptions station, List<string> errors)
    {
        if (station.MaximumCallTime < TimeSpan.FromSeconds(10) || station.MaximumCallTime > TimeSpan.FromHours(1))
        {
            errors.Add($"station.maximumCallTime: {station.MaximumCallTime} is out of range; use 00:00:10 to 01:00:00 (default 00:03:00)");
        }

        if (station.WarningBeforeEnd < TimeSpan.Zero || station.WarningBeforeEnd >= station.MaximumCallTime)
        {
            errors.Add($"station.warningBeforeEnd: {station.WarningBeforeEnd} must be at least zero and shorter than maximumCallTime ({station.MaximumCallTime})");
        }

        if (station.InterDigitTimeout < TimeSpan.FromSeconds(1) || station.InterDigitTimeout > TimeSpan.FromSeconds(30))
        {
            errors.Add($"station.interDigitTimeout: {station.InterDigitTimeout} is out of range; use 00:00:01 to 00:00:30 (default 00:00:03)");
        }

        if (station.MaximumWrongCodesPerCall is < 1 or > 10)
        {
            errors.Add($"station.maximumWrongCodesPerCall: {station.MaximumWrongCodesPerCall}; use 1 to 10 (default 3)");
        }

        if (station.MaximumWrongCodes is < 1 or > 50)
        {
            errors.Add($"station.maximumWrongCodes: {station.MaximumWrongCodes}; use 1 to 50 (default 5)");
        }

        if (station.CodeLockoutDuration < TimeSpan.FromSeconds(10) || station.CodeLockoutDuration > TimeSpan.FromDays(1))
        {
            errors.Add($"station.codeLockoutDuration: {station.CodeLockoutDuration} is out of range; use 00:00:10 to 1.00:00:00 (default 00:05:00)");
        }

        if (station.HangUpAfterDoorOpened < TimeSpan.Zero || station.HangUpAfterDoorOpened > TimeSpan.FromMinutes(1))
        {
            errors.Add($"station.hangUpAfterDoorOpened: {station.HangUpAfterDoorOpened} is out of range; use 00:00:00 (stay) to 00:01:00");
        }

        if (station.DoorOpenTooLong < TimeSpan.FromSeconds(5) || station.DoorOpenTooLong > TimeSpan.FromHours(1))
        {
            errors.Add($"station.doorOpenTooLong: {station.DoorOpenTooLong} is out of range; use 00:00:05 to 01:00:00");
        }

        if (station.TamperLockoutDuration < TimeSpan.Zero || station.TamperLockoutDuration > TimeSpan.FromDays(7))
        {
            errors.Add($"station.tamperLockoutDuration: {station.TamperLockoutDuration} is out of range; use 00:00:00 (off) to 7.00:00:00");
        }
    }

    private static void ValidateCodes(StationOptions station, HashSet<string> relays, List<string> errors)
    {
        for (var i = 0; i < station.DoorCodes.Count; i++)
        {
            var code = station.DoorCodes[i];
            var path = $"station.doorCodes[{i}]";
            if (!relays.Contains(code.Relay))
            {
                errors.Add($"{path}.relay: no relay named \"{code.Relay}\" in hardware.relays; name the relay this code opens");
            }

            // The code itself is a secret: the message says what is wrong, never what it is.
            if (code.Code.Length is 0 or > 16)
            {
                errors.Add($"{path}.code: {code.Code.Length} characters; a door code has 1 to 16 digits");
            }
            else if (code.Code.AsSpan().IndexOfAnyExcept(CodeDigits) >= 0)
            {
                errors.Add($"{path}.code: holds a character other than 0-9, *, A-D; '#' ends the entry and cannot be part of a code");
            }

            for (var j = 0; j < i; j++)
            {
                if (string.Equals(station.DoorCodes[j].Code, code.Code, StringComparison.Ordinal))
                {
                    errors.Add($"{path}.code: the same code as station.doorCodes[{j}]; give each relay its own code");
                }
            }
        }
    }

    private static void CheckLed(string path, string? name, HashSet<string> leds, List<string> errors)
    {
        if (name is not null && !leds.Contains(name))
        {
            errors.Add($"{path}: no LED named \"{name}\" in hardware.leds; name one of them or remove the field");
        }
    }

    private static void ValidateInbound(InboundPolicyOptions? inbound, HashSet<string> accounts, List<string> errors)
    {
        if (inbound is null)
        {
            errors.Add("station.inbound: null is not allowed here; remove the field or give { \"callers\": [] }");
            return;
        }

        for (var i = 0; i < inbound.Callers.Count; i++)
        {
            var caller = inbound.Callers[i];
            var path = $"station.inbound.callers[{i}]";
            if (caller.Caller != "*" && CallerNumber.Normalize(caller.Caller).Length == 0)
            {
                errors.Add($"{path}.caller: \"{caller.Caller}\" is empty after normalising; give a number, a user name or \"*\" for any caller");
            }

            if (caller.Account is string account && !accounts.Contains(account))
            {
                errors.Add($"{path}.account: no account named \"{account}\" in sip.accounts; name one or remove the field");
            }
        }
    }
}
