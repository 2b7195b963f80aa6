using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Intercom.Tools.Fuzz.Engine;
using Intercom.Tools.Fuzz.Targets;

namespace Intercom.Tools.Fuzz;

/// <summary>The worker process: fuzzes one target, saves findings as they come, writes a summary for the supervisor.</summary>
internal static class Worker
{
    /// <summary>Exit code of a worker stopped by its watchdog because an input hangs.</summary>
    public const int HangExitCode = 86;

    public static int Run(FuzzCommandLine command)
    {
        IFuzzTarget target = FuzzTargets.Find(command.Targets[0])!;
        var store = new FindingStore(command.Output);
        var findings = new List<WorkerFinding>();
        using LastInputFile? lastInput = command.LastInputPath is null ? null : LastInputFile.Create(command.LastInputPath, target.MaximumInputLength);
        var progress = Stopwatch.StartNew();
        long reported = 0;
        var options = new FuzzRunOptions
        {
            Duration = TimeSpan.FromSeconds(command.Seconds),
            Seed = command.Seed,
            SlowLimit = TimeSpan.FromMilliseconds(command.SlowMilliseconds),
            HangLimit = TimeSpan.FromSeconds(command.HangSeconds),
            OnInput = input =>
            {
                lastInput?.Write(input);
                reported++;
                if (progress.Elapsed >= TimeSpan.FromSeconds(15))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{target.Name}] {reported} inputs so far, {findings.Count} findings"));
                    progress.Restart();
                }
            },
            OnFinding = finding =>
            {
                string path = store.Save(target.Name, finding);
                findings.Add(new WorkerFinding(finding.Kind.ToString(), finding.Signature, path));
                Console.WriteLine($"  [{target.Name}] FINDING {finding.Kind}: {finding.Signature} -> {path}");
            },
            OnHang = finding =>
            {
                string path = store.Save(target.Name, finding);
                findings.Add(new WorkerFinding(finding.Kind.ToString(), finding.Signature, path));
                Console.WriteLine($"  [{target.Name}] HANG: {finding.Details} -> {path}");
                WriteSummary(command, new WorkerSummary { Target = target.Name, Inputs = reported, Findings = findings });
                Environment.Exit(HangExitCode);
            },
        };

        TargetReport report = new FuzzEngine(target, options).Run();
        var top = new List<KeyValuePair<string, long>>(report.Outcomes);
        top.Sort((a, b) => b.Value.CompareTo(a.Value));
        var topOutcomes = new List<string>();
        foreach (KeyValuePair<string, long> outcome in top.Take(6))
        {
            topOutcomes.Add(string.Create(CultureInfo.InvariantCulture, $"{outcome.Value,9} {outcome.Key}"));
        }

        WriteSummary(command, new WorkerSummary
        {
            Target = target.Name,
            Inputs = report.Inputs,
            ElapsedSeconds = report.Elapsed.TotalSeconds,
            CorpusSize = report.CorpusSize,
            Edges = report.Edges,
            Coverage = report.Coverage,
            SlowestMilliseconds = report.SlowestMilliseconds,
            OutcomeKinds = report.Outcomes.Count,
            TopOutcomes = topOutcomes,
            Findings = findings,
        });
        return 0;
    }

    private static void WriteSummary(FuzzCommandLine command, WorkerSummary summary)
    {
        if (command.SummaryPath is not null)
        {
            File.WriteAllText(command.SummaryPath, JsonSerializer.Serialize(summary, WorkerSummaryJsonContext.Default.WorkerSummary));
        }
    }
}
