using Intercom.Station.Configuration;
using Intercom.Station.Journal;

namespace Intercom.Station.Controller;

/// <summary>Calls placed and ended from outside the door: the HTTP API and MQTT commands.</summary>
public sealed partial class DoorStation
{
    /// <summary>The pseudo button named in the call log for a call placed to a target by the API.</summary>
    public const string RemoteButton = "api";

    /// <summary>True when <paramref name="button"/> has a call plan with targets (any thread).</summary>
    public bool HasCallPlan(string button)
    {
        foreach (var plan in Volatile.Read(ref _options).Buttons)
        {
            if (string.Equals(plan.Input, button, StringComparison.Ordinal) && plan.Targets.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Rings the plan of <paramref name="button"/> as if a visitor pressed it; false when the station is busy or no
    /// button of that name has a plan. Completes once the station loop has taken the request.
    /// </summary>
    public Task<bool> PlaceCallAsync(string button)
    {
        ArgumentNullException.ThrowIfNull(button);
        return RunForResult(() =>
        {
            if (_call is not null)
            {
                return false;
            }

            foreach (var plan in _options.Buttons)
            {
                if (string.Equals(plan.Input, button, StringComparison.Ordinal) && plan.Targets.Count > 0)
                {
                    Record(StationEventKind.ButtonPressed, button, "call placed remotely");
                    StartVisitorCall(button, plan);
                    return true;
                }
            }

            return false;
        });
    }

    /// <summary>
    /// Rings one <paramref name="target"/> (a SIP URI or number) for <paramref name="ringTimeout"/>; false when the
    /// station is busy.
    /// </summary>
    public Task<bool> CallTargetAsync(string target, TimeSpan ringTimeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        return RunForResult(() =>
        {
            if (_call is not null)
            {
                return false;
            }

            var plan = new ButtonOptions
            {
                Input = RemoteButton,
                Mode = CallPlanMode.Parallel,
                RingTimeout = ringTimeout,
                Targets = [new CallTargetOptions { Target = target, RingTime = ringTimeout }],
            };
            Record(StationEventKind.ButtonPressed, RemoteButton, "call to a target placed remotely");
            StartVisitorCall(RemoteButton, plan);
            return true;
        });
    }

    /// <summary>Ends the current call (ringing or talking); false when there is none.</summary>
    public Task<bool> HangUpAsync() => RunForResult(() =>
    {
        if (_call is null)
        {
            return false;
        }

        EndCall(_call, CallEndReason.HungUpRemotely);
        return true;
    });

    private Task<bool> RunForResult(Func<bool> action)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _loop.Post(() =>
        {
            if (_disposed)
            {
                done.TrySetResult(false);
                return;
            }

            try
            {
                done.TrySetResult(action());
            }
            finally
            {
                // Set false when the action threw (the loop counts and logs the failure).
                done.TrySetResult(false);
                PublishStatus();
            }
        });
        return done.Task;
    }
}
