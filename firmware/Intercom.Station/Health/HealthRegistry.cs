namespace Intercom.Station.Health;

/// <summary>
/// The registry of liveness probes. The systemd watchdog is fed only while every probe is fresh, so a hung SIP loop
/// or audio thread gets the service restarted. Components in lower layers receive just
/// <see cref="LivenessProbe.ReportAlive"/> as an <see cref="Action"/>.
/// </summary>
public sealed class HealthRegistry
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private LivenessProbe[] _probes = [];

    /// <summary>Creates an empty registry on <paramref name="timeProvider"/>.</summary>
    public HealthRegistry(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>Registers a component that must report at least every <paramref name="maximumAge"/>.</summary>
    public LivenessProbe Register(string name, TimeSpan maximumAge)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maximumAge, TimeSpan.Zero);
        var probe = new LivenessProbe(name, maximumAge, _timeProvider);
        lock (_gate)
        {
            foreach (var existing in _probes)
            {
                if (string.Equals(existing.Name, name, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"a liveness probe named {name} is already registered");
                }
            }

            _probes = [.. _probes, probe];
        }

        return probe;
    }

    /// <summary>Removes a probe (a component that stopped on purpose).</summary>
    public void Unregister(LivenessProbe probe)
    {
        lock (_gate)
        {
            _probes = [.. _probes.Where(existing => !ReferenceEquals(existing, probe))];
        }
    }

    /// <summary>Evaluates every probe now.</summary>
    public HealthReport Evaluate()
    {
        var probes = Volatile.Read(ref _probes);
        var statuses = new ProbeStatus[probes.Length];
        var healthy = true;
        for (var i = 0; i < probes.Length; i++)
        {
            var probe = probes[i];
            var age = probe.Age;
            var fresh = age <= probe.MaximumAge;
            healthy &= fresh;
            statuses[i] = new ProbeStatus(probe.Name, fresh, age, probe.MaximumAge);
        }

        return new HealthReport(healthy, statuses);
    }
}
