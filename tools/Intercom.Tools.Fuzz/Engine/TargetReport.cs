namespace Intercom.Tools.Fuzz.Engine;

/// <summary>What fuzzing one target did: inputs tried, coverage reached, outcomes seen and findings.</summary>
internal sealed class TargetReport
{
    public required string Target { get; init; }

    public long Inputs { get; set; }

    public TimeSpan Elapsed { get; set; }

    public int CorpusSize { get; set; }

    /// <summary>Instrumented edges seen, or 0 without coverage.</summary>
    public int Edges { get; set; }

    public bool Coverage { get; set; }

    public double SlowestMilliseconds { get; set; }

    /// <summary>How often each outcome label came back (how deep the inputs got).</summary>
    public Dictionary<string, long> Outcomes { get; } = new(StringComparer.Ordinal);

    public List<Finding> Findings { get; } = [];

    public double InputsPerSecond => Elapsed.TotalSeconds > 0 ? Inputs / Elapsed.TotalSeconds : 0;
}
