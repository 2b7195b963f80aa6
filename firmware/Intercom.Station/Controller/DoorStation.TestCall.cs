using Intercom.Station.Configuration;
using Intercom.Station.Journal;

namespace Intercom.Station.Controller;

/// <summary>The installer's test call: a call plan run from the web page as if a visitor had pressed a button.</summary>
public sealed partial class DoorStation
{
    /// <summary>The button name a test call to a single target is logged under.</summary>
    public const string TestCallButton = "test call";

    /// <summary>
    /// Runs <paramref name="plan"/> like a press of <paramref name="button"/> (ringback, ring timeout, door codes, the
    /// call log), but only when no call is up: a test never ends a visitor's call. Completes with false when busy.
    /// </summary>
    public Task<bool> StartTestCallAsync(string button, ButtonOptions plan)
    {
        ArgumentNullException.ThrowIfNull(button);
        ArgumentNullException.ThrowIfNull(plan);
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Run(() =>
        {
            if (_call is not null || plan.Targets.Count == 0)
            {
                started.TrySetResult(false);
                return;
            }

            Record(StationEventKind.ButtonPressed, button, "test call from the web page");
            StartVisitorCall(button, plan);
            started.TrySetResult(true);
        });
        return started.Task;
    }
}
