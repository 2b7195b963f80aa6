using Intercom.Audio.Dsp;
using Intercom.Station.Journal;

namespace Intercom.Station.Controller;

/// <summary>Exit button, door contact and tamper switch.</summary>
public sealed partial class DoorStation
{
    private void HandleExitButton(string input)
    {
        // Request to exit opens the door even during a tamper lockout: nobody may be locked in (egress safety).
        var relay = _options.ExitButtonRelay;
        if (relay is null || !_outputs.PulseRelay(relay))
        {
            Record(StationEventKind.ExitButton, input, "no exit relay configured");
            return;
        }

        StationMetrics.DoorOpenings.Add(1);
        StationLog.ExitButton(_logger, input, relay);
        Record(StationEventKind.ExitButton, relay, $"exit button {input}");
        ShowDoorOpen();
    }

    private void HandleDoorContact(string input, bool open)
    {
        _doorContactOpen = open;
        _doorContactTimer?.Dispose();
        _doorContactTimer = null;
        if (open)
        {
            var limit = _options.DoorOpenTooLong;
            _doorContactTimer = Schedule(limit, () =>
            {
                if (!_doorContactOpen)
                {
                    return;
                }

                _doorOpenTooLong = true;
                StationLog.DoorOpenTooLong(_logger, limit);
                Record(StationEventKind.DoorOpenTooLong, input, $"open for more than {limit}");
                _feedback.PlayTone(AudioTone.Warning);
                UpdateFault();
            });
            return;
        }

        if (_doorOpenTooLong)
        {
            _doorOpenTooLong = false;
            Record(StationEventKind.DoorClosed, input, "closed after the door-open-too-long alarm");
            UpdateFault();
        }
    }

    private void HandleTamper(string input)
    {
        var duration = _options.TamperLockoutDuration;
        StationLog.Tamper(_logger, duration);
        Record(StationEventKind.Tamper, input, $"relays locked out for {duration}");
        if (duration > TimeSpan.Zero)
        {
            _tamper.Trip(duration);
        }

        _feedback.PlayTone(AudioTone.Warning);
        ArmTamperEnd();
        UpdateFault();
    }

    private void ArmTamperEnd()
    {
        _tamperEndTimer?.Dispose();
        _tamperEndTimer = null;
        var remaining = _tamper.Remaining;
        if (remaining > TimeSpan.Zero)
        {
            _tamperEndTimer = Schedule(remaining, () =>
            {
                _tamper.Save();
                UpdateFault();
            });
        }
    }
}
