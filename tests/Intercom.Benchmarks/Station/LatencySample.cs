using System.Globalization;

namespace Intercom.Benchmarks.Station;

/// <summary>Latencies of one measurement and their median and 99th percentile (nearest rank).</summary>
internal sealed class LatencySample(string name)
{
    private readonly List<double> _milliseconds = [];

    public string Name { get; } = name;

    public int Count => _milliseconds.Count;

    public void Add(TimeSpan latency) => _milliseconds.Add(latency.TotalMilliseconds);

    public double Percentile(double percent)
    {
        if (_milliseconds.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _milliseconds.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public string Line(LatencySample? anchor = null)
    {
        var median = Percentile(50);
        var text = string.Create(CultureInfo.InvariantCulture, $"{Name,-58} n={Count,4}  median {median,8:F3} ms  p99 {Percentile(99),8:F3} ms");
        return anchor is null
            ? text
            : text + string.Create(CultureInfo.InvariantCulture, $"  ratio to anchor (median) {median / anchor.Percentile(50):F2}, (p99) {Percentile(99) / anchor.Percentile(99):F2}");
    }
}
