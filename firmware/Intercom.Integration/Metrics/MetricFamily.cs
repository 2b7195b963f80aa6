using System.Globalization;
using System.Text;

namespace Intercom.Integration.Metrics;

/// <summary>One metric name with its series (one per label set), written in the Prometheus text format.</summary>
internal sealed class MetricFamily(string name, MetricType type, string help, bool observable, double[] bounds)
{
    public bool Observable { get; } = observable;

    public SortedDictionary<string, SeriesValues> Series { get; } = new(StringComparer.Ordinal);

    /// <summary>The label set as written between braces (<c>a="1",b="x"</c>), names sanitised, values escaped, sorted.</summary>
    public static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return "";
        }

        var pairs = new List<(string Name, string Value)>(tags.Length);
        foreach (var tag in tags)
        {
            pairs.Add((LabelName(tag.Key), Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? ""));
        }

        pairs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var builder = new StringBuilder();
        foreach (var (labelName, value) in pairs)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(labelName).Append("=\"");
            foreach (var c in value)
            {
                // Exposition format: label values escape backslash, double quote and line feed.
                _ = c switch
                {
                    '\\' => builder.Append("\\\\"),
                    '"' => builder.Append("\\\""),
                    '\n' => builder.Append("\\n"),
                    _ => builder.Append(c),
                };
            }

            builder.Append('"');
        }

        return builder.ToString();
    }

    public void Add(string labels, double value, bool replace)
    {
        if (!Series.TryGetValue(labels, out var series))
        {
            series = new SeriesValues(bounds.Length);
            Series[labels] = series;
        }

        if (type == MetricType.Histogram)
        {
            series.Count++;
            series.Sum += value;
            for (var i = 0; i < bounds.Length; i++)
            {
                if (value <= bounds[i])
                {
                    series.Buckets[i]++;
                }
            }
        }
        else if (replace)
        {
            series.Value = value;
        }
        else
        {
            series.Value += value;
        }
    }

    public void WriteTo(StringBuilder text)
    {
        if (Series.Count == 0)
        {
            return;
        }

        var written = type == MetricType.Counter ? name + "_total" : name;
        text.Append("# HELP ").Append(written).Append(' ').Append(help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        text.Append("# TYPE ").Append(written).Append(' ').Append(type switch
        {
            MetricType.Counter => "counter",
            MetricType.Histogram => "histogram",
            _ => "gauge",
        }).Append('\n');
        foreach (var (labels, series) in Series)
        {
            if (type != MetricType.Histogram)
            {
                Line(text, written, labels, series.Value);
                continue;
            }

            for (var i = 0; i < bounds.Length; i++)
            {
                Line(text, name + "_bucket", Join(labels, $"le=\"{Number(bounds[i])}\""), series.Buckets[i]);
            }

            Line(text, name + "_bucket", Join(labels, "le=\"+Inf\""), series.Count);
            Line(text, name + "_sum", labels, series.Sum);
            Line(text, name + "_count", labels, series.Count);
        }
    }

    private static string Join(string labels, string more) => labels.Length == 0 ? more : labels + "," + more;

    private static void Line(StringBuilder text, string metric, string labels, double value)
    {
        text.Append(metric);
        if (labels.Length > 0)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string Number(double value) => double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string LabelName(string key)
    {
        var builder = new StringBuilder(key.Length + 1);
        foreach (var c in key)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    internal sealed class SeriesValues(int buckets)
    {
        public double Value { get; set; }

        public double Sum { get; set; }

        public long Count { get; set; }

        public long[] Buckets { get; } = new long[buckets];
    }
}
