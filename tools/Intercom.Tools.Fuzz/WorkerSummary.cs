using System.Text.Json.Serialization;

namespace Intercom.Tools.Fuzz;

/// <summary>What a worker process reports back to the supervisor for its target (JSON file).</summary>
internal sealed record WorkerSummary
{
    public required string Target { get; init; }

    public long Inputs { get; init; }

    public double ElapsedSeconds { get; init; }

    public int CorpusSize { get; init; }

    public int Edges { get; init; }

    public bool Coverage { get; init; }

    public double SlowestMilliseconds { get; init; }

    public int OutcomeKinds { get; init; }

    public List<string> TopOutcomes { get; init; } = [];

    public List<WorkerFinding> Findings { get; init; } = [];
}

/// <summary>One finding as saved by a worker.</summary>
internal sealed record WorkerFinding(string Kind, string Signature, string Path);

[JsonSerializable(typeof(WorkerSummary))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class WorkerSummaryJsonContext : JsonSerializerContext;
