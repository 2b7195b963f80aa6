using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Intercom.Tools.Fuzz.Engine;
using Intercom.Tools.Fuzz.Targets;

namespace Intercom.Tools.Fuzz;

/// <summary>
/// The <c>fuzz</c> command: instruments a copy of the firmware assemblies, runs one worker process per target
/// (so a hang or a crash no handler can catch ends only that target, and the input that did it is still saved),
/// and prints per target the inputs tried, coverage reached and findings.
/// </summary>
internal static class Supervisor
{
    public static int List()
    {
        foreach (IFuzzTarget target in FuzzTargets.All)
        {
            Console.WriteLine($"{target.Name,-16} {target.Description}");
        }

        return 0;
    }

    public static int Replay(FuzzCommandLine command)
    {
        if (command.Targets.Count != 1 || FuzzTargets.Find(command.Targets[0]) is not IFuzzTarget target)
        {
            Console.Error.WriteLine("fuzz: --replay needs one --target NAME (see --list)");
            return 2;
        }

        string[] files = Directory.Exists(command.Replay) ? Directory.GetFiles(command.Replay!, "*.bin") : [command.Replay!];
        var engine = new FuzzEngine(target, new FuzzRunOptions());
        int failures = 0;
        foreach (string file in files)
        {
            var stopwatch = Stopwatch.StartNew();
            Finding? finding = engine.Replay(File.ReadAllBytes(file), out string outcome);
            string verdict = finding is null ? "ok" : $"{finding.Kind}: {finding.Details}";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file}: {outcome} ({stopwatch.Elapsed.TotalMilliseconds:F1} ms) {verdict}"));
            failures += finding is null ? 0 : 1;
        }

        return failures == 0 ? 0 : 1;
    }

    public static int Run(FuzzCommandLine command)
    {
        var targets = new List<IFuzzTarget>();
        foreach (string name in command.Targets.Count == 0 ? FuzzTargets.All.Select(t => t.Name) : command.Targets)
        {
            if (FuzzTargets.Find(name) is not IFuzzTarget target)
            {
                Console.Error.WriteLine($"fuzz: no target '{name}'; targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
                return 2;
            }

            targets.Add(target);
        }

        double perTarget = Math.Max(1, command.Seconds / targets.Count);
        string work = Directory.CreateTempSubdirectory("intercom-fuzz-").FullName;
        try
        {
            string workerDirectory = AppContext.BaseDirectory;
            if (command.Coverage)
            {
                workerDirectory = Path.Combine(work, "instrumented");
                IReadOnlyList<string> instrumented = Instrumentation.PrepareCopy(workerDirectory);
                Console.WriteLine($"coverage: SharpFuzz edge instrumentation of {string.Join(", ", instrumented)}");
            }
            else
            {
                Console.WriteLine("coverage: off (mutation guided by outcome labels only)");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {command.Seed}, {perTarget:F0} s per target, findings to {Path.GetFullPath(command.Output)}"));
            var summaries = new List<WorkerSummary>();
            foreach (IFuzzTarget target in targets)
            {
                summaries.Add(RunWorker(command, target, perTarget, workerDirectory, work));
            }

            return PrintReport(summaries);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static WorkerSummary RunWorker(FuzzCommandLine command, IFuzzTarget target, double seconds, string workerDirectory, string work)
    {
        Console.WriteLine($"[{target.Name}] {target.Description}");
        string summaryPath = Path.Combine(work, target.Name + ".json");
        string lastInputPath = Path.Combine(work, target.Name + ".last");
        var start = new ProcessStartInfo { UseShellExecute = false };
        string self = Environment.ProcessPath ?? "dotnet";
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.FileName = self;
            start.ArgumentList.Add(Path.Combine(workerDirectory, "fuzz.dll"));
        }
        else
        {
            start.FileName = Path.Combine(workerDirectory, "fuzz");
        }

        foreach (string argument in (string[])["--worker", "--target", target.Name, "--seconds", seconds.ToString(CultureInfo.InvariantCulture),
                     "--seed", command.Seed.ToString(CultureInfo.InvariantCulture), "--output", Path.GetFullPath(command.Output),
                     "--slow-ms", command.SlowMilliseconds.ToString(CultureInfo.InvariantCulture), "--hang-seconds", command.HangSeconds.ToString(CultureInfo.InvariantCulture),
                     "--summary", summaryPath, "--last-input", lastInputPath])
        {
            start.ArgumentList.Add(argument);
        }

        using Process worker = Process.Start(start)!;
        TimeSpan limit = TimeSpan.FromSeconds(seconds + command.HangSeconds + 120);
        if (!worker.WaitForExit(limit))
        {
            worker.Kill(entireProcessTree: true);
            worker.WaitForExit();
        }

        WorkerSummary summary = File.Exists(summaryPath)
            ? JsonSerializer.Deserialize(File.ReadAllText(summaryPath), WorkerSummaryJsonContext.Default.WorkerSummary)!
            : new WorkerSummary { Target = target.Name };
        if (worker.ExitCode is not (0 or Worker.HangExitCode))
        {
            // Died on something no handler catches (stack overflow, native crash): keep the input it was running.
            byte[] input = LastInputFile.Read(lastInputPath) ?? [];
            var finding = new Finding(FindingKind.Crash, $"worker died (exit code {worker.ExitCode})", "the process ended abnormally while running this input", input);
            string path = new FindingStore(Path.GetFullPath(command.Output)).Save(target.Name, finding);
            Console.WriteLine($"  [{target.Name}] worker died with exit code {worker.ExitCode}; input saved to {path}");
            summary.Findings.Add(new WorkerFinding(finding.Kind.ToString(), finding.Signature, path));
        }

        return summary;
    }

    private static int PrintReport(List<WorkerSummary> summaries)
    {
        Console.WriteLine();
        Console.WriteLine($"{"target",-16} {"inputs",12} {"per s",8} {"corpus",7} {"edges",6} {"outcomes",8} {"slowest ms",10} {"findings",8}");
        int findings = 0;
        foreach (WorkerSummary summary in summaries)
        {
            double rate = summary.ElapsedSeconds > 0 ? summary.Inputs / summary.ElapsedSeconds : 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{summary.Target,-16} {summary.Inputs,12} {rate,8:F0} {summary.CorpusSize,7} {(summary.Coverage ? summary.Edges.ToString(CultureInfo.InvariantCulture) : "-"),6} {summary.OutcomeKinds,8} {summary.SlowestMilliseconds,10:F1} {summary.Findings.Count,8}"));
            findings += summary.Findings.Count;
        }

        foreach (WorkerSummary summary in summaries)
        {
            Console.WriteLine();
            Console.WriteLine($"[{summary.Target}] most frequent outcomes:");
            foreach (string outcome in summary.TopOutcomes)
            {
                Console.WriteLine($"  {outcome}");
            }

            foreach (WorkerFinding finding in summary.Findings)
            {
                Console.WriteLine($"  FINDING {finding.Kind}: {finding.Signature}");
                Console.WriteLine($"    {finding.Path}");
            }
        }

        Console.WriteLine();
        Console.WriteLine(findings == 0 ? "no findings" : $"{findings} findings");
        return findings == 0 ? 0 : 1;
    }
}
