using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Intercom.Integration.Metrics;

/// <summary>
/// Exports the service's <see cref="System.Diagnostics.Metrics"/> instruments (meters whose name starts with
/// <c>Intercom</c>) in the Prometheus text exposition format 0.0.4: counters as <c>_total</c>, up-down counters and
/// gauges as gauges, histograms with cumulative <c>_bucket{le=...}</c>, <c>_sum</c> and <c>_count</c>. Observable
/// instruments are read at each scrape; the same instrument in several meter instances (one per audio engine) is
/// summed. Instrument names become snake case with dots as underscores and an <c>intercom_</c> prefix.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>The content type of the text format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Bucket bounds of histograms in seconds (ring and talk time).</summary>
    public static IReadOnlyList<double> SecondsBuckets { get; } = [0.5, 1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 300, 600];

    private static readonly double[] GenericBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _scrape = new(1, 1);
    private readonly SortedDictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);
    private readonly Func<Meter, bool> _include;

    /// <summary>Starts listening; <paramref name="include"/> picks meters (default: names starting with <c>Intercom</c>).</summary>
    public PrometheusExporter(Func<Meter, bool>? include = null)
    {
        _include = include ?? (meter => meter.Name.StartsWith("Intercom", StringComparison.Ordinal));
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_include(instrument.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<float>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Reads the observable instruments and writes every series in the text format.</summary>
    public async Task<string> ScrapeAsync(CancellationToken cancellationToken)
    {
        await _scrape.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                foreach (var family in _families.Values)
                {
                    if (family.Observable)
                    {
                        family.Series.Clear();
                    }
                }
            }

            // The callbacks run here, on this thread, and land in Record.
            _listener.RecordObservableInstruments();
            var text = new StringBuilder(4096);
            lock (_gate)
            {
                foreach (var family in _families.Values)
                {
                    family.WriteTo(text);
                }
            }

            return text.ToString();
        }
        finally
        {
            _scrape.Release();
        }
    }

    /// <summary>The Prometheus metric name for an instrument name: <c>intercom_calls_ended</c>.</summary>
    public static string MetricName(string instrumentName)
    {
        ArgumentNullException.ThrowIfNull(instrumentName);
        var builder = new StringBuilder(instrumentName.Length + 9);
        if (!instrumentName.StartsWith("intercom", StringComparison.OrdinalIgnoreCase))
        {
            builder.Append("intercom_");
        }

        foreach (var c in instrumentName)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        return builder.ToString();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _listener.Dispose();
        _scrape.Dispose();
    }

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        var labels = MetricFamily.Labels(tags);
        lock (_gate)
        {
            var name = MetricName(instrument.Name);
            var type = TypeOf(instrument);
            var observable = instrument.IsObservable;
            if (type == MetricType.Histogram && string.Equals(instrument.Unit, "s", StringComparison.Ordinal) && !name.EndsWith("_seconds", StringComparison.Ordinal))
            {
                name += "_seconds";
            }

            if (!_families.TryGetValue(name, out var family))
            {
                var bounds = type != MetricType.Histogram ? [] : string.Equals(instrument.Unit, "s", StringComparison.Ordinal) ? SecondsBuckets.ToArray() : GenericBuckets;
                family = new MetricFamily(name, type, instrument.Description ?? instrument.Name, observable, bounds);
                _families[name] = family;
            }

            family.Add(labels, number, replace: type == MetricType.Gauge && !observable && instrument is not UpDownCounter<long> and not UpDownCounter<int> and not UpDownCounter<double>);
        }
    }

    private static MetricType TypeOf(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return MetricType.Gauge;
        }

        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>))
        {
            return MetricType.Counter;
        }

        return definition == typeof(Histogram<>) ? MetricType.Histogram : MetricType.Gauge;
    }
}
