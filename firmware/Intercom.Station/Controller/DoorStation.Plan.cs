using Intercom.Audio.Dsp;
using Intercom.Station.Configuration;
using Intercom.Station.Journal;

namespace Intercom.Station.Controller;

/// <summary>Call plans: parallel and sequential ringing, ring timeout, fallback, answer, end.</summary>
public sealed partial class DoorStation
{
    private void StartVisitorCall(string button, ButtonOptions plan)
    {
        var call = new ActiveCall
        {
            Direction = CallDirection.Visitor,
            Button = button,
            Plan = plan,
            Targets = string.Join(", ", plan.Targets.Select(target => target.Target)),
            StartTimestamp = _time.GetTimestamp(),
            StartedAt = _time.GetUtcNow(),
        };
        _call = call;
        StationMetrics.Calls.Add(1);
        StationLog.CallStarted(_logger, button, call.Targets, plan.Mode);
        Indicate(StationState.Ringing);
        _feedback.PlayTone(AudioTone.Ringback);
        if (plan.Mode == CallPlanMode.Parallel)
        {
            foreach (var target in plan.Targets)
            {
                Dial(call, target);
            }
        }
        else
        {
            DialNextInSequence(call);
        }

        call.Timers.Add(Schedule(plan.RingTimeout, () => OnRingTimeout(call)));
    }

    private LegSlot Dial(ActiveCall call, CallTargetOptions target)
    {
        StationLog.Dialing(_logger, target.Target);
        var slot = new LegSlot(_dialer.Dial(target, this), target);
        call.Legs.Add(slot);
        return slot;
    }

    private void DialNextInSequence(ActiveCall call)
    {
        var plan = call.Plan!;
        if (call.SequentialIndex >= plan.Targets.Count)
        {
            PlanExhausted(call);
            return;
        }

        var target = plan.Targets[call.SequentialIndex++];
        var slot = Dial(call, target);
        call.Timers.Add(Schedule(target.RingTime, () =>
        {
            if (IsCurrent(call) && call.Answered is null && !slot.Done)
            {
                GiveUp(slot);
                DialNextInSequence(call);
            }
        }));
    }

    private void OnRingTimeout(ActiveCall call)
    {
        // The overall ring timeout bounds the plan's own targets; a fallback already ringing has its own ring time.
        if (!IsCurrent(call) || call.Answered is not null || call.FallbackDialled)
        {
            return;
        }

        foreach (var slot in call.Legs)
        {
            if (!slot.Done)
            {
                GiveUp(slot);
            }
        }

        PlanExhausted(call);
    }

    private void PlanExhausted(ActiveCall call)
    {
        var fallback = call.Plan?.Fallback;
        if (fallback is not null && !call.FallbackDialled)
        {
            call.FallbackDialled = true;
            var slot = Dial(call, fallback);
            call.Timers.Add(Schedule(fallback.RingTime, () =>
            {
                if (IsCurrent(call) && call.Answered is null && !slot.Done)
                {
                    GiveUp(slot);
                    EndCall(call, UnansweredReason(call));
                }
            }));
            return;
        }

        EndCall(call, UnansweredReason(call));
    }

    private static CallEndReason UnansweredReason(ActiveCall call)
    {
        var busy = false;
        foreach (var slot in call.Legs)
        {
            if (slot.TimedOut || slot.End?.Reason == CallLegEndReason.NoAnswer)
            {
                return CallEndReason.NoAnswer;
            }

            busy |= slot.End?.Reason == CallLegEndReason.Busy;
        }

        return busy ? CallEndReason.Busy : CallEndReason.Failed;
    }

    private static void GiveUp(LegSlot slot)
    {
        slot.Done = true;
        slot.TimedOut = true;
        slot.Leg.HangUp();
    }

    private bool IsCurrent(ActiveCall call) => ReferenceEquals(_call, call) && !call.Ended;

    private void HandleAnswered(ICallLeg leg)
    {
        var call = _call;
        var slot = call?.Find(leg);
        if (call is null || slot is null || slot.Done || call.Answered is not null)
        {
            // A leg we gave up on, or a second answer of a parallel plan: RFC 3261 §13.2.2.4 leaves us one dialog.
            leg.HangUp();
            return;
        }

        call.Answered = slot;
        call.AnsweredTimestamp = _time.GetTimestamp();
        StationMetrics.CallsAnswered.Add(1);
        foreach (var other in call.Legs)
        {
            if (!ReferenceEquals(other, slot) && !other.Done)
            {
                other.Done = true;
                other.Leg.HangUp();
            }
        }

        if (call.Direction == CallDirection.Visitor)
        {
            _feedback.StopTone();
        }

        Indicate(StationState.Talking);
        leg.ConnectAudio();
        var media = leg.Media;
        StationLog.Answered(_logger, leg.Peer, media?.Codec ?? "?", media?.Srtp ?? false);
        var maximum = _options.MaximumCallTime;
        if (_options.WarningBeforeEnd > TimeSpan.Zero)
        {
            call.Timers.Add(Schedule(maximum - _options.WarningBeforeEnd, () =>
            {
                if (IsCurrent(call))
                {
                    _feedback.PlayTone(AudioTone.Warning);
                }
            }));
        }

        call.Timers.Add(Schedule(maximum, () =>
        {
            if (IsCurrent(call))
            {
                EndCall(call, CallEndReason.MaximumCallTime);
            }
        }));
    }

    private void HandleLegEnded(ICallLeg leg, CallLegEnd end)
    {
        var call = _call;
        var slot = call?.Find(leg);
        if (call is null || slot is null || call.Ended)
        {
            return;
        }

        StationLog.LegEnded(_logger, leg.Peer, end.Reason, end.StatusCode, end.Detail);
        var wasDone = slot.Done;
        slot.Done = true;
        slot.End ??= end;
        if (ReferenceEquals(call.Answered, slot))
        {
            EndCall(call, end.Reason is CallLegEndReason.RtpTimeout or CallLegEndReason.MediaFailed ? CallEndReason.MediaFailure : CallEndReason.RemoteHangUp);
            return;
        }

        if (wasDone || call.Answered is not null)
        {
            return;
        }

        if (call.Direction == CallDirection.Inbound)
        {
            EndCall(call, CallEndReason.RemoteHangUp);
            return;
        }

        var plan = call.Plan!;
        if (call.FallbackDialled)
        {
            if (AllDone(call))
            {
                EndCall(call, UnansweredReason(call));
            }
        }
        else if (plan.Mode == CallPlanMode.Sequential)
        {
            DialNextInSequence(call);
        }
        else if (AllDone(call))
        {
            PlanExhausted(call);
        }
    }

    private static bool AllDone(ActiveCall call)
    {
        foreach (var slot in call.Legs)
        {
            if (!slot.Done)
            {
                return false;
            }
        }

        return true;
    }

    private void EndCall(ActiveCall call, CallEndReason reason)
    {
        if (call.Ended)
        {
            return;
        }

        call.Ended = true;
        foreach (var slot in call.Legs)
        {
            if (!slot.Done)
            {
                slot.Done = true;
                slot.Leg.HangUp();
            }
        }

        if (call.Answered is LegSlot answered && answered.End is null)
        {
            answered.Leg.HangUp();
        }

        foreach (var timer in call.Timers)
        {
            timer.Dispose();
        }

        call.InterDigitTimer?.Dispose();
        call.Entry.Clear();
        if (reason is CallEndReason.NoAnswer or CallEndReason.Busy or CallEndReason.Failed)
        {
            _feedback.PlayTone(AudioTone.NobodyAnswered);
        }
        else if (call.Answered is null && call.Direction == CallDirection.Visitor)
        {
            _feedback.StopTone();
        }

        var now = _time.GetTimestamp();
        var media = call.Answered?.Leg.Media;
        var duration = _time.GetElapsedTime(call.StartTimestamp, now);
        StationLog.CallEnded(_logger, reason, duration);
        _call = null;
        Indicate(StationState.Idle);
        try
        {
            _journal.RecordCall(new CallRecord
            {
                StartedAt = call.StartedAt,
                Direction = call.Direction,
                Button = call.Button,
                Targets = call.Targets,
                AnsweredBy = call.Answered?.Leg.Peer,
                Duration = duration,
                TalkTime = call.Answered is null ? TimeSpan.Zero : _time.GetElapsedTime(call.AnsweredTimestamp, now),
                Codec = media?.Codec,
                Srtp = media?.Srtp ?? false,
                DoorOpened = call.DoorOpened,
                EndReason = reason,
            });
        }
#pragma warning disable CA1031 // A full disk must not keep the station from the next call.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            StationLog.JournalFailed(_logger, exception);
        }
    }

    private void AcceptInbound(ICallLeg leg, string caller, InboundCallMode mode, bool mayOpenDoor)
    {
        if (_call is not null)
        {
            StationLog.InboundBusy(_logger, caller);
            leg.Reject(486);
            try
            {
                _journal.RecordCall(new CallRecord
                {
                    StartedAt = _time.GetUtcNow(), Direction = CallDirection.Inbound, Targets = caller, EndReason = CallEndReason.BusyHere,
                });
            }
#pragma warning disable CA1031 // See EndCall.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                StationLog.JournalFailed(_logger, exception);
            }

            return;
        }

        var call = new ActiveCall
        {
            Direction = CallDirection.Inbound,
            Targets = caller,
            StartTimestamp = _time.GetTimestamp(),
            StartedAt = _time.GetUtcNow(),
            MayOpenDoor = mayOpenDoor,
        };
        call.Legs.Add(new LegSlot(leg, null));
        _call = call;
        StationMetrics.Calls.Add(1);
        StationLog.InboundAnswered(_logger, caller, mode);
        Indicate(StationState.Answering);
        leg.Answer(mode);
    }
}
