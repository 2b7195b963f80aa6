using Intercom.Audio.Dsp;
using Intercom.Hardware.Configuration;
using Intercom.Media.Dtmf;
using Intercom.Station.Codes;
using Intercom.Station.Configuration;
using Intercom.Station.Journal;
using Intercom.Station.Lockout;
using Microsoft.Extensions.Logging;

namespace Intercom.Station.Controller;

/// <summary>
/// The door station's call controller: one visitor or inbound call at a time (one audio path). A button press runs
/// the button's call plan (parallel or sequential targets, ring timeout, fallback); the answered call gets the
/// maximum call time with a warning tone, door codes from any DTMF transport, and hangs up after the door opened.
/// Inputs: exit button, door contact ("door open too long"), tamper (relay lockout that survives a restart).
/// Everything runs on one <see cref="StationLoop"/> against small ports, so it runs on a fake clock in tests.
/// <code>
///   Idle ──press──► Ringing ──answer──► Talking ──hang-up / max time / door opened / wrong codes──► Idle
///     │               └─ring timeout / all busy─► fallback? ─► "nobody answered" ─► Idle
///     └─allowed inbound INVITE─► Answering ──ACK──► Talking
/// </code>
/// </summary>
public sealed partial class DoorStation : ICallLegEvents, IDisposable
{
    /// <summary>How long the call LED shows "door open" after a relay pulse.</summary>
    public static readonly TimeSpan DoorOpenIndicationTime = TimeSpan.FromSeconds(3);

    private const int MaskedDigitsShown = 20;

    private readonly ICallDialer _dialer;
    private readonly IVisitorFeedback _feedback;
    private readonly IDoorOutputs _outputs;
    private readonly IStationJournal _journal;
    private readonly TamperLockout _tamper;
    private readonly TimeProvider _time;
    private readonly ILogger<DoorStation> _logger;
    private readonly StationLoop _loop;
    private readonly CodeLockout _codeLockout;
    private StationOptions _options;
    private DoorCodeBook _codes;
    private ActiveCall? _call;
    private StationState _state = StationState.Idle;
    private DoorStationStatus _status = new() { State = StationState.Idle };
    private ITimer? _doorContactTimer;
    private ITimer? _indicationTimer;
    private ITimer? _tamperEndTimer;
    private bool _doorContactOpen;
    private bool _doorOpenTooLong;
    private bool _registrationFault;
    private bool _disposed;

    /// <summary>Creates the station over its ports; nothing happens until an input, a press or an inbound call.</summary>
    public DoorStation(
        StationOptions options,
        ICallDialer dialer,
        IVisitorFeedback feedback,
        IDoorOutputs outputs,
        IStationJournal journal,
        TamperLockout tamper,
        TimeProvider timeProvider,
        ILogger<DoorStation> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dialer);
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(tamper);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _codes = new DoorCodeBook(options.DoorCodes);
        _dialer = dialer;
        _feedback = feedback;
        _outputs = outputs;
        _journal = journal;
        _tamper = tamper;
        _time = timeProvider;
        _logger = logger;
        _loop = new StationLoop(logger);
        _codeLockout = new CodeLockout(timeProvider);
        Run(() =>
        {
            _feedback.ShowIndication(StationIndication.Idle);
            ArmTamperEnd();
            UpdateFault();
        });
    }

    /// <summary>A snapshot for the status page (any thread).</summary>
    public DoorStationStatus Status => Volatile.Read(ref _status) with
    {
        CodeLockoutRemaining = _codeLockout.Remaining,
        TamperLockoutRemaining = _tamper.Remaining,
    };

    /// <summary>
    /// Media of the answered leg counted now (any thread). <see cref="Status"/> keeps the figures of its last change,
    /// which for packets, jitter and loss is the moment of the answer. Between a call's end and the loop publishing it,
    /// this falls back to that snapshot, so a reader that saw the call in <see cref="Status"/> still gets its media.
    /// </summary>
    public CallLegMediaStatus? CurrentMedia => Volatile.Read(ref _call)?.Answered?.Leg.Media ?? Status.Media;

    /// <summary>Actions that threw (our bugs), for tests and the status page.</summary>
    public long LoopFailures => _loop.Failures;

    /// <summary>Raised on the station loop after each change of <see cref="Status"/>; handlers must be quick.</summary>
    public event EventHandler<DoorStationStatus>? StatusChanged;

    /// <summary>A debounced input changed (from <c>DoorHardware.InputChanged</c>).</summary>
    public void OnInputChanged(string name, InputKind kind, bool active)
    {
        ArgumentNullException.ThrowIfNull(name);
        Run(() => HandleInput(name, kind, active));
    }

    /// <summary>A door button was pressed (same as an active <c>doorButton</c> input).</summary>
    public void Press(string button) => OnInputChanged(button, InputKind.DoorButton, active: true);

    /// <summary>Whether some SIP account should be registered and none is (shown on the status LED).</summary>
    public void SetRegistrationFault(bool fault) => Run(() =>
    {
        _registrationFault = fault;
        UpdateFault();
    });

    /// <summary>Takes a new <c>station</c> section (validated). A call in progress keeps its plan.</summary>
    public void UpdateOptions(StationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Run(() =>
        {
            _options = options;
            _codes = new DoorCodeBook(options.DoorCodes);
        });
    }

    /// <summary>
    /// An inbound call the policy allowed: answered in <paramref name="mode"/> when the station is free, else 486.
    /// <paramref name="mayOpenDoor"/> lets the caller's door codes count.
    /// </summary>
    public void OfferInboundCall(ICallLeg leg, string caller, InboundCallMode mode, bool mayOpenDoor)
    {
        ArgumentNullException.ThrowIfNull(leg);
        ArgumentNullException.ThrowIfNull(caller);
        Run(() => AcceptInbound(leg, caller, mode, mayOpenDoor));
    }

    /// <summary>Records an event from outside the controller (registration change, refused inbound call).</summary>
    public void RecordEvent(StationEventKind kind, string? subject, string detail) => Run(() => Record(kind, subject, detail));

    void ICallLegEvents.OnRinging(ICallLeg leg)
    {
        // Ringback is played from the first press on; 180 changes nothing the visitor hears.
    }

    void ICallLegEvents.OnAnswered(ICallLeg leg) => Run(() => HandleAnswered(leg));

    void ICallLegEvents.OnDigit(ICallLeg leg, char digit, DtmfSource source) => Run(() => HandleDigit(leg, digit, source));

    void ICallLegEvents.OnEnded(ICallLeg leg, CallLegEnd outcome) => Run(() => HandleLegEnded(leg, outcome));

    /// <summary>Ends any call (the service stops).</summary>
    public void Dispose()
    {
        Run(() =>
        {
            if (_call is not null)
            {
                EndCall(_call, CallEndReason.Shutdown);
            }

            _doorContactTimer?.Dispose();
            _indicationTimer?.Dispose();
            _tamperEndTimer?.Dispose();
            _disposed = true;
        });
    }

    private void Run(Action action) => _loop.Post(() =>
    {
        if (_disposed)
        {
            return;
        }

        action();
        PublishStatus();
    });

    private void HandleInput(string name, InputKind kind, bool active)
    {
        switch (kind)
        {
            case InputKind.DoorButton when active:
                HandlePress(name);
                break;
            case InputKind.ExitButton when active:
                HandleExitButton(name);
                break;
            case InputKind.DoorContact:
                HandleDoorContact(name, active);
                break;
            case InputKind.Tamper when active:
                HandleTamper(name);
                break;
            default:
                break;
        }
    }

    private void HandlePress(string button)
    {
        Record(StationEventKind.ButtonPressed, button, _call is null ? "call" : "during a call: " + _options.SecondPress);
        ButtonOptions? plan = null;
        foreach (var candidate in _options.Buttons)
        {
            if (string.Equals(candidate.Input, button, StringComparison.Ordinal))
            {
                plan = candidate;
                break;
            }
        }

        if (_call is not null)
        {
            StationLog.SecondPress(_logger, button, _options.SecondPress);
            switch (_options.SecondPress)
            {
                case SecondPressAction.HangUp:
                    EndCall(_call, CallEndReason.SecondPress);
                    return;
                case SecondPressAction.Restart:
                    EndCall(_call, CallEndReason.Restarted);
                    break;
                default:
                    return;
            }
        }

        if (plan is null || plan.Targets.Count == 0)
        {
            // A button without a plan: the press is logged, and the visitor hears that nobody will answer.
            _feedback.PlayTone(AudioTone.NobodyAnswered);
            return;
        }

        StartVisitorCall(button, plan);
    }

    private void PublishStatus()
    {
        var call = _call;
        var status = new DoorStationStatus
        {
            State = _state,
            Direction = call?.Direction,
            CallStartTimestamp = call?.StartTimestamp ?? 0,
            Button = call?.Button,
            Peers = call is null ? [] : PeersOf(call),
            Media = call?.Answered?.Leg.Media,
            LastDigitsMasked = call?.DigitsMasked ?? _status.LastDigitsMasked,
            DoorOpened = call?.DoorOpened ?? false,
            DoorContactOpen = _doorContactOpen,
            DoorOpenTooLong = _doorOpenTooLong,
            WrongCodesInARow = _codeLockout.WrongCodesInARow,
            RegistrationFault = _registrationFault,
        };
        Volatile.Write(ref _status, status);
        StatusChanged?.Invoke(this, Status);
    }

    private static string[] PeersOf(ActiveCall call)
    {
        if (call.Answered is LegSlot answered)
        {
            return [answered.Leg.Peer];
        }

        var peers = new List<string>();
        foreach (var slot in call.Legs)
        {
            if (!slot.Done)
            {
                peers.Add(slot.Leg.Peer);
            }
        }

        return [.. peers];
    }

    private void Record(StationEventKind kind, string? subject, string detail)
    {
        try
        {
            _journal.RecordEvent(new StationEvent { Time = _time.GetUtcNow(), Kind = kind, Subject = subject, Detail = detail });
        }
#pragma warning disable CA1031 // A full disk must not stop the door from opening.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            StationLog.JournalFailed(_logger, exception);
        }
    }

    private ITimer Schedule(TimeSpan due, Action action) =>
        _time.CreateTimer(_ => Run(action), null, due, Timeout.InfiniteTimeSpan);

    private void ShowDoorOpen()
    {
        _feedback.ShowIndication(StationIndication.DoorOpen);
        _indicationTimer?.Dispose();
        _indicationTimer = Schedule(DoorOpenIndicationTime, () =>
        {
            _indicationTimer?.Dispose();
            _indicationTimer = null;
            _feedback.ShowIndication(IndicationFor(_state));
        });
    }

    private static StationIndication IndicationFor(StationState state) => state switch
    {
        StationState.Ringing or StationState.Answering => StationIndication.Calling,
        StationState.Talking => StationIndication.Talking,
        _ => StationIndication.Idle,
    };

    private void Indicate(StationState state)
    {
        _state = state;
        if (_indicationTimer is null)
        {
            _feedback.ShowIndication(IndicationFor(state));
        }
    }

    private void UpdateFault() => _feedback.ShowFault(_registrationFault || _tamper.IsActive || _doorOpenTooLong);
}
