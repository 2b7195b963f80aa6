using Intercom.Sip.UserAgent;
using Intercom.Station.Controller;
using Intercom.Station.Journal;
using Intercom.Station.Runtime;
using Microsoft.Extensions.Logging;

namespace Intercom.Integration.Events;

/// <summary>
/// Turns what the door station does into <see cref="IntegrationEvent"/>s and state for home automation: status
/// transitions (ring, answered), finished calls (missed, ended), journal events (door opened, tamper) and
/// registration changes (lost, restored). Handlers of <see cref="Raised"/> and <see cref="StatusChanged"/> run on
/// the station's thread and must only queue work: they must never delay the call path.
/// </summary>
public sealed class StationEventFeed : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<StationEventFeed> _logger;
    private readonly Dictionary<string, SipRegistrationState> _registrations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _lost = new(StringComparer.Ordinal);
    private DoorStationRuntime? _runtime;
    private StationState _lastState = StationState.Idle;
    private long _sequence;

    /// <summary>Creates a feed; <see cref="Attach"/> connects it to a running station.</summary>
    public StationEventFeed(TimeProvider timeProvider, ILogger<StationEventFeed> logger)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Raised for each event, outside any lock; handlers must be quick and must not throw.</summary>
    public event EventHandler<IntegrationEvent>? Raised;

    /// <summary>Raised for each finished call as stored in the call log; handlers must be quick.</summary>
    public event EventHandler<CallRecord>? CallFinished;

    /// <summary>Raised when the station's status or a registration changed; handlers must be quick.</summary>
    public event EventHandler? StatusChanged;

    /// <summary>The station the feed follows; null before <see cref="Attach"/> and after <see cref="Detach"/>.</summary>
    public DoorStationRuntime? Runtime => Volatile.Read(ref _runtime);

    /// <summary>The current station status; null without a station.</summary>
    public DoorStationStatus? Status => Runtime?.Station.Status;

    /// <summary>Each SIP account's registration state, by account name.</summary>
    public IReadOnlyDictionary<string, SipRegistrationState> Registrations
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, SipRegistrationState>(_registrations, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Follows <paramref name="runtime"/> (one at a time; a previous one is detached).</summary>
    public void Attach(DoorStationRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        Detach();
        lock (_gate)
        {
            _registrations.Clear();
            _lost.Clear();
            foreach (var account in runtime.Agent.Accounts)
            {
                _registrations[account.Name] = account.Status.State;
            }

            _lastState = runtime.Station.Status.State;
        }

        runtime.Station.StatusChanged += OnStatusChanged;
        runtime.Log.CallRecorded += OnCallRecorded;
        runtime.Log.EventRecorded += OnEventRecorded;
        foreach (var account in runtime.Agent.Accounts)
        {
            account.StatusChanged += OnRegistrationChanged;
        }

        Volatile.Write(ref _runtime, runtime);
        StatusChanged?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Stops following the station.</summary>
    public void Detach()
    {
        if (Interlocked.Exchange(ref _runtime, null) is not { } runtime)
        {
            return;
        }

        runtime.Station.StatusChanged -= OnStatusChanged;
        runtime.Log.CallRecorded -= OnCallRecorded;
        runtime.Log.EventRecorded -= OnEventRecorded;
        foreach (var account in runtime.Agent.Accounts)
        {
            account.StatusChanged -= OnRegistrationChanged;
        }
    }

    /// <summary>A relay was pulsed from outside the station (the API, an MQTT command): tells home automation.</summary>
    public void ReportDoorOpened(string relay, string source) => Raise(IntegrationEventKind.DoorOpened, relay, $"opened by {source}");

    /// <inheritdoc />
    public void Dispose() => Detach();

    private void OnStatusChanged(object? sender, DoorStationStatus status)
    {
        StationState previous;
        lock (_gate)
        {
            previous = _lastState;
            _lastState = status.State;
        }

        if (status.State != previous)
        {
            if (status.State == StationState.Ringing)
            {
                Raise(IntegrationEventKind.Ring, status.Button, $"ringing {string.Join(", ", status.Peers)}");
            }
            else if (status.State == StationState.Talking)
            {
                Raise(IntegrationEventKind.Answered, status.Peers.Count > 0 ? status.Peers[0] : null, $"{status.Direction} call answered");
            }
        }

        StatusChanged?.Invoke(this, EventArgs.Empty);
    }

    private void OnCallRecorded(object? sender, CallRecord record)
    {
        if (record.Direction == CallDirection.Visitor && record.AnsweredBy is null
            && record.EndReason is CallEndReason.NoAnswer or CallEndReason.Busy or CallEndReason.Failed)
        {
            Raise(IntegrationEventKind.Missed, record.Button, $"nobody answered ({record.EndReason}); rang {record.Targets}");
        }

        Raise(IntegrationEventKind.CallEnded, record.AnsweredBy ?? record.Button, $"{record.Direction} call ended: {record.EndReason}");
        CallFinished?.Invoke(this, record);
    }

    private void OnEventRecorded(object? sender, StationEvent stationEvent)
    {
        switch (stationEvent.Kind)
        {
            case StationEventKind.DoorCodeAccepted:
                Raise(IntegrationEventKind.DoorOpened, stationEvent.Subject, "opened by a door code");
                break;
            case StationEventKind.ExitButton:
                Raise(IntegrationEventKind.DoorOpened, stationEvent.Subject, "opened by the exit button");
                break;
            case StationEventKind.Tamper:
                Raise(IntegrationEventKind.Tamper, stationEvent.Subject, stationEvent.Detail);
                break;
        }
    }

    private void OnRegistrationChanged(object? sender, SipRegistrationStatus status)
    {
        if (sender is not SipAccount account)
        {
            return;
        }

        IntegrationEventKind? kind = null;
        lock (_gate)
        {
            _registrations.TryGetValue(account.Name, out var previous);
            _registrations[account.Name] = status.State;
            if (previous == SipRegistrationState.Registered && status.State != SipRegistrationState.Registered)
            {
                _lost.Add(account.Name);
                kind = IntegrationEventKind.RegistrationLost;
            }
            else if (status.State == SipRegistrationState.Registered && _lost.Remove(account.Name))
            {
                kind = IntegrationEventKind.RegistrationRestored;
            }
        }

        if (kind is { } raised)
        {
            Raise(raised, account.Name, $"{status.State} ({status.LastStatusCode} {status.LastReasonPhrase})");
        }

        StatusChanged?.Invoke(this, EventArgs.Empty);
    }

    private void Raise(IntegrationEventKind kind, string? subject, string detail)
    {
        var raised = new IntegrationEvent(Interlocked.Increment(ref _sequence), kind, _timeProvider.GetUtcNow(), subject, detail);
        IntegrationLog.EventRaised(_logger, raised.Name, subject ?? "-");
        Raised?.Invoke(this, raised);
    }
}
