namespace Intercom.Web.Station;

/// <summary>
/// The last <see cref="Capacity"/> events in memory, for the dashboard and the event log page. Writers must never
/// put a secret or a door-code digit in a message. The door station's persistent call log comes beside it.
/// </summary>
public sealed class StationEventLog
{
    /// <summary>Events kept.</summary>
    public const int Capacity = 500;

    private readonly Lock _gate = new();
    private readonly Queue<StationEvent> _events = new();
    private readonly TimeProvider _timeProvider;
    private long _sequence;

    /// <summary>Creates the log on <paramref name="timeProvider"/>.</summary>
    public StationEventLog(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>Raised after an event is added, outside the lock.</summary>
    public event EventHandler? Added;

    /// <summary>The newest sequence number; 0 before any event.</summary>
    public long LastSequence => Interlocked.Read(ref _sequence);

    /// <summary>Adds an event.</summary>
    public void Add(string category, string message)
    {
        lock (_gate)
        {
            if (_events.Count == Capacity)
            {
                _events.Dequeue();
            }

            _events.Enqueue(new StationEvent(Interlocked.Increment(ref _sequence), _timeProvider.GetUtcNow(), category, message));
        }

        Added?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Events after <paramref name="afterSequence"/>, oldest first, at most <paramref name="limit"/> (the newest ones).</summary>
    public IReadOnlyList<StationEvent> Since(long afterSequence, int limit = Capacity)
    {
        lock (_gate)
        {
            var list = _events.Where(e => e.Sequence > afterSequence).ToList();
            return list.Count > limit ? list[^limit..] : list;
        }
    }
}
