using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Intercom.Integration.Tests.Metrics;

/// <summary>One sample line.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>One metric family: its TYPE, HELP and samples.</summary>
internal sealed record PrometheusFamily(string Name, string Type, string? Help, List<PrometheusSample> Samples);

/// <summary>
/// A strict parser of the Prometheus text exposition format 0.0.4, written for these tests: metric and label name
/// syntax, label value escapes (<c>\\</c>, <c>\"</c>, <c>\n</c>), float values with <c>NaN</c>, <c>+Inf</c>,
/// <c>-Inf</c>, at most one HELP and one TYPE per family and before its samples, samples of a family together, no
/// duplicate series, counters not negative, histogram buckets cumulative with a <c>+Inf</c> bucket equal to
/// <c>_count</c>, and a final line feed. Throws <see cref="FormatException"/> naming the line.
/// </summary>
internal static partial class PrometheusText
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    public static Dictionary<string, PrometheusFamily> Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("the exposition does not end with a line feed");
        }

        var families = new Dictionary<string, PrometheusFamily>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var series = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var lines = text.Split('\n');
        for (var number = 1; number <= lines.Length - 1; number++)
        {
            var line = lines[number - 1];
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 3 && parts[0] == "#" && (parts[1] == "HELP" || parts[1] == "TYPE"))
                {
                    var name = parts[2];
                    Require(MetricName().IsMatch(name), number, $"bad metric name \"{name}\"");
                    Require(!families.TryGetValue(name, out var seen) || seen.Samples.Count == 0, number, $"{parts[1]} of {name} after its samples");
                    var family = families.TryGetValue(name, out var existing) ? existing : families[name] = new PrometheusFamily(name, "untyped", null, []);
                    if (parts[1] == "TYPE")
                    {
                        Require(parts.Length == 4 && Types.Contains(parts[3]), number, "TYPE needs one of " + string.Join(", ", Types));
                        Require(family.Type == "untyped" && family.Samples.Count == 0, number, $"a second TYPE for {name}");
                        families[name] = family with { Type = parts[3] };
                    }
                    else
                    {
                        Require(family.Help is null, number, $"a second HELP for {name}");
                        families[name] = family with { Help = parts.Length == 4 ? Unescape(parts[3], number, inLabel: false) : "" };
                    }
                }

                continue;
            }

            var sample = ParseSample(line, number);
            var familyName = FamilyOf(sample.Name, families);
            if (current != familyName)
            {
                Require(!finished.Contains(familyName), number, $"samples of {familyName} are not together");
                if (current is not null)
                {
                    finished.Add(current);
                }

                current = familyName;
            }

            var key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}";
            Require(series.Add(key), number, $"duplicate series {key}");
            if (!families.TryGetValue(familyName, out var target))
            {
                target = families[familyName] = new PrometheusFamily(familyName, "untyped", null, []);
            }

            if (target.Type == "counter")
            {
                Require(sample.Value >= 0, number, "a negative counter");
            }

            target.Samples.Add(sample);
        }

        foreach (var family in families.Values.Where(f => f.Type == "histogram"))
        {
            CheckHistogram(family);
        }

        return families;
    }

    private static string FamilyOf(string sampleName, Dictionary<string, PrometheusFamily> families)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal) && families.TryGetValue(sampleName[..^suffix.Length], out var family)
                && family.Type is "histogram" or "summary")
            {
                return family.Name;
            }
        }

        return sampleName;
    }

    private static void CheckHistogram(PrometheusFamily family)
    {
        foreach (var group in family.Samples.GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value))))
        {
            var buckets = group.Where(s => s.Name == family.Name + "_bucket").ToList();
            var count = group.SingleOrDefault(s => s.Name == family.Name + "_count") ?? throw new FormatException($"{family.Name}: no _count");
            _ = group.SingleOrDefault(s => s.Name == family.Name + "_sum") ?? throw new FormatException($"{family.Name}: no _sum");
            if (buckets.Count == 0 || buckets.Any(b => !b.Labels.ContainsKey("le")))
            {
                throw new FormatException($"{family.Name}: buckets without le");
            }

            var ordered = buckets.Select(b => (Bound: ParseValue(b.Labels["le"], 0), b.Value)).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].Bound <= ordered[i - 1].Bound || ordered[i].Value < ordered[i - 1].Value)
                {
                    throw new FormatException($"{family.Name}: buckets not increasing and cumulative");
                }
            }

            if (!double.IsPositiveInfinity(ordered[^1].Bound) || ordered[^1].Value != count.Value)
            {
                throw new FormatException($"{family.Name}: the +Inf bucket must be last and equal _count");
            }
        }
    }

    private static PrometheusSample ParseSample(string line, int number)
    {
        var position = 0;
        while (position < line.Length && line[position] is not ('{' or ' '))
        {
            position++;
        }

        var name = line[..position];
        Require(MetricName().IsMatch(name), number, $"bad metric name \"{name}\"");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (true)
            {
                Require(position < line.Length, number, "unterminated label set");
                if (line[position] == '}')
                {
                    position++;
                    break;
                }

                var equals = line.IndexOf('=', position);
                Require(equals > position, number, "label without =");
                var labelName = line[position..equals];
                Require(LabelName().IsMatch(labelName), number, $"bad label name \"{labelName}\"");
                Require(equals + 1 < line.Length && line[equals + 1] == '"', number, "label value not quoted");
                var value = new StringBuilder();
                var i = equals + 2;
                for (; ; i++)
                {
                    Require(i < line.Length, number, "unterminated label value");
                    var c = line[i];
                    if (c == '"')
                    {
                        break;
                    }

                    if (c == '\\')
                    {
                        Require(i + 1 < line.Length, number, "dangling escape");
                        value.Append(line[++i] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            _ => throw new FormatException($"line {number}: unknown escape \\{line[i]}"),
                        });
                        continue;
                    }

                    value.Append(c);
                }

                Require(labels.TryAdd(labelName, value.ToString()), number, $"label {labelName} twice");
                position = i + 1;
                if (position < line.Length && line[position] == ',')
                {
                    position++;
                }
                else
                {
                    Require(position < line.Length && line[position] == '}', number, "labels not separated by ,");
                }
            }
        }

        Require(position < line.Length && line[position] == ' ', number, "no space before the value");
        var rest = line[(position + 1)..].Split(' ');
        Require(rest.Length is 1 or 2, number, "more than a value and a timestamp");
        if (rest.Length == 2)
        {
            Require(long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _), number, "timestamp not an integer");
        }

        return new PrometheusSample(name, labels, ParseValue(rest[0], number));
    }

    private static double ParseValue(string text, int number) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !text.Contains("Infinity", StringComparison.Ordinal) => value,
        _ => throw new FormatException($"line {number}: \"{text}\" is not a value"),
    };

    private static string Unescape(string text, int number, bool inLabel)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                builder.Append(text[i]);
                continue;
            }

            Require(i + 1 < text.Length, number, "dangling escape");
            builder.Append(text[++i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                '"' when inLabel => '"',
                _ => throw new FormatException($"line {number}: unknown escape in HELP"),
            });
        }

        return builder.ToString();
    }

    private static void Require(bool condition, int number, string problem)
    {
        if (!condition)
        {
            throw new FormatException($"line {number}: {problem}");
        }
    }
}
