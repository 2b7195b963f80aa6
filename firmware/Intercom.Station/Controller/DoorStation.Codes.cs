using Intercom.Audio.Dsp;
using Intercom.Media.Dtmf;
using Intercom.Station.Journal;

namespace Intercom.Station.Controller;

/// <summary>Door codes: digits from the answered leg, <c>#</c> or the inter-digit timeout, lockouts, the relay.</summary>
public sealed partial class DoorStation
{
    private void HandleDigit(ICallLeg leg, char digit, DtmfSource source)
    {
        var call = _call;
        var shown = Mask(digit);
        if (call is null || call.Answered is null || !ReferenceEquals(call.Answered.Leg, leg))
        {
            // Only an answered call may enter a code: early media and losing legs are not the resident.
            StationMetrics.IgnoredDigits.Add(1);
            StationLog.DigitIgnored(_logger, shown, source, "the call is not answered");
            return;
        }

        var masked = call.DigitsMasked + shown;
        call.DigitsMasked = masked.Length > MaskedDigitsShown ? masked[^MaskedDigitsShown..] : masked;
        if (!call.MayOpenDoor || !_codes.HasCodes)
        {
            StationMetrics.IgnoredDigits.Add(1);
            StationLog.DigitIgnored(_logger, shown, source, call.MayOpenDoor ? "no door codes are configured" : "this caller may not open the door");
            return;
        }

        call.InterDigitTimer?.Dispose();
        call.InterDigitTimer = null;
        if (call.Entry.Append(digit))
        {
            EvaluateCode(call);
            return;
        }

        call.InterDigitTimer = Schedule(_options.InterDigitTimeout, () =>
        {
            if (IsCurrent(call))
            {
                EvaluateCode(call);
            }
        });
    }

    private static char Mask(char digit) => digit == '#' ? '#' : '*';

    private void EvaluateCode(ActiveCall call)
    {
        call.InterDigitTimer?.Dispose();
        call.InterDigitTimer = null;
        if (call.Entry.IsEmpty)
        {
            return;
        }

        if (_tamper.IsActive)
        {
            call.Entry.Clear();
            StationLog.CodeRefused(_logger, "tamper lockout");
            Record(StationEventKind.DoorCodeRefused, null, "tamper lockout");
            return;
        }

        if (_codeLockout.IsLockedOut)
        {
            call.Entry.Clear();
            StationLog.CodeRefused(_logger, "too many wrong codes");
            Record(StationEventKind.DoorCodeRefused, null, "wrong-code lockout");
            return;
        }

        var relay = _codes.Match(call.Entry.Digits);
        call.Entry.Clear();
        if (relay is null)
        {
            RejectCode(call);
            return;
        }

        _codeLockout.RecordCorrect();
        if (!_outputs.PulseRelay(relay))
        {
            StationLog.RelayMissing(_logger, relay);
            return;
        }

        StationMetrics.DoorOpenings.Add(1);
        call.DoorOpened = true;
        StationLog.DoorOpened(_logger, relay);
        _feedback.PlayTone(AudioTone.DoorOpened);
        ShowDoorOpen();
        Record(StationEventKind.DoorCodeAccepted, relay, call.Direction == CallDirection.Visitor ? $"call from button {call.Button}" : $"inbound call from {call.Targets}");
        if (_options.HangUpAfterDoorOpened > TimeSpan.Zero)
        {
            call.Timers.Add(Schedule(_options.HangUpAfterDoorOpened, () =>
            {
                if (IsCurrent(call))
                {
                    EndCall(call, CallEndReason.DoorOpened);
                }
            }));
        }
    }

    private void RejectCode(ActiveCall call)
    {
        StationMetrics.WrongCodes.Add(1);
        call.WrongCodes++;
        var lockedNow = _codeLockout.RecordWrong(_options.MaximumWrongCodes, _options.CodeLockoutDuration);
        StationLog.WrongCode(_logger, call.WrongCodes, _codeLockout.WrongCodesInARow);
        Record(StationEventKind.DoorCodeRejected, null, $"wrong code {call.WrongCodes} in this call, {_codeLockout.WrongCodesInARow} in a row");
        if (lockedNow)
        {
            StationLog.CodeLockout(_logger, _options.CodeLockoutDuration, _codeLockout.WrongCodesInARow);
            Record(StationEventKind.DoorCodeLockout, null, $"door codes locked out for {_options.CodeLockoutDuration}");
        }

        if (call.WrongCodes >= _options.MaximumWrongCodesPerCall)
        {
            EndCall(call, CallEndReason.WrongCodes);
        }
    }
}
