namespace Intercom.Station.Health;

/// <summary>
/// One component's "I am alive" mark (SIP loop, audio thread, relay supervisor). <see cref="ReportAlive"/> is one
/// timestamp read and one volatile write: no allocation, no lock, safe on the real-time audio thread.
/// </summary>
public sealed class LivenessProbe
{
    private readonly TimeProvider _timeProvider;
    private long _aliveTimestamp;

    internal LivenessProbe(string name, TimeSpan maximumAge, TimeProvider timeProvider)
    {
        Name = name;
        MaximumAge = maximumAge;
        _timeProvider = timeProvider;
        // Registration counts as the first report: a component gets one maximum age to start up.
        _aliveTimestamp = timeProvider.GetTimestamp();
    }

    /// <summary>The component's name (<c>sip-loop</c>, <c>audio-thread</c>).</summary>
    public string Name { get; }

    /// <summary>How old the last report may be for the component to count as alive.</summary>
    public TimeSpan MaximumAge { get; }

    /// <summary>Marks the component alive as of now.</summary>
    public void ReportAlive() => Volatile.Write(ref _aliveTimestamp, _timeProvider.GetTimestamp());

    /// <summary>Time since the last report.</summary>
    public TimeSpan Age => _timeProvider.GetElapsedTime(Volatile.Read(ref _aliveTimestamp));
}
