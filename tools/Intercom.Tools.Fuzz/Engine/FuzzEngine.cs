using System.Diagnostics;
using System.Reflection;

namespace Intercom.Tools.Fuzz.Engine;

/// <summary>
/// The mutational fuzzing loop for one target: pick a corpus entry, mutate it, run it under a stopwatch and a
/// watchdog, keep it when it reaches new coverage (or, without instrumentation, a new outcome), and record every
/// distinct crash, broken property, slow input and hang with a minimized reproducer.
/// </summary>
internal sealed class FuzzEngine
{
    private const int MaximumCorpus = 20_000;
    private const int MaximumOutcomeLabels = 5_000;

    private readonly IFuzzTarget target;
    private readonly FuzzRunOptions options;
    private readonly CoverageMap coverage = new();
    private readonly List<byte[]> corpus = [];
    private readonly HashSet<string> signatures = new(StringComparer.Ordinal);
    private long currentStarted;
    private byte[]? currentInput;

    public FuzzEngine(IFuzzTarget target, FuzzRunOptions options)
    {
        this.target = target;
        this.options = options;
    }

    /// <summary>Fuzzes until the duration or the input budget is spent.</summary>
    public TargetReport Run(CancellationToken cancellationToken = default)
    {
        CoverageMap.EnsureInstalled();
        var report = new TargetReport { Target = target.Name };
        var random = new Random(options.Seed);
        var mutator = new Mutator(random, target.Dictionary, target.IsText, target.MaximumInputLength);
        using var watchdogStop = new CancellationTokenSource();
        var watchdog = new Thread(() => Watch(watchdogStop.Token)) { IsBackground = true, Name = "fuzz watchdog" };
        watchdog.Start();
        long started = Stopwatch.GetTimestamp();
        try
        {
            foreach (byte[] seed in target.CreateSeeds())
            {
                byte[] input = seed.Length > target.MaximumInputLength ? seed[..target.MaximumInputLength] : seed;
                Execute(input, report, keepAlways: true);
            }

            if (corpus.Count == 0)
            {
                corpus.Add([]);
            }

            while (!cancellationToken.IsCancellationRequested && report.Inputs < options.MaximumInputs
                && report.Findings.Count < options.StopAfterFindings && Stopwatch.GetElapsedTime(started) < options.Duration)
            {
                byte[] parent = Pick(random);
                byte[] other = corpus[random.Next(corpus.Count)];
                Execute(mutator.Mutate(parent, other), report, keepAlways: false);
            }
        }
        finally
        {
            watchdogStop.Cancel();
            watchdog.Join();
        }

        report.Elapsed = Stopwatch.GetElapsedTime(started);
        report.CorpusSize = corpus.Count;
        report.Edges = coverage.EdgesSeen;
        report.Coverage = CoverageMap.Active;
        return report;
    }

    /// <summary>Runs one input outside the loop (replay of a saved file); returns the finding or null.</summary>
    public Finding? Replay(byte[] input, out string outcome)
    {
        (outcome, Exception? exception, _) = RunOnce(input);
        return exception is null ? null : ToFinding(exception, input);
    }

    private byte[] Pick(Random random)
    {
        // Favour recent discoveries (AFL-like: new paths are where the next new paths hide), but keep visiting all.
        int count = corpus.Count;
        return random.Next(2) == 0 && count > 16 ? corpus[count - 1 - random.Next(16)] : corpus[random.Next(count)];
    }

    private void Execute(byte[] input, TargetReport report, bool keepAlways)
    {
        (string outcome, Exception? exception, double milliseconds) = RunOnce(input);
        report.Inputs++;
        report.SlowestMilliseconds = Math.Max(report.SlowestMilliseconds, milliseconds);
        bool newCoverage = coverage.MergeNew();
        bool newOutcome = false;
        if (report.Outcomes.TryGetValue(outcome, out long seen))
        {
            report.Outcomes[outcome] = seen + 1;
        }
        else if (report.Outcomes.Count < MaximumOutcomeLabels)
        {
            report.Outcomes[outcome] = 1;
            newOutcome = true;
        }

        if (exception is not null)
        {
            Record(ToFinding(exception, input), report);
            return;
        }

        if (milliseconds > options.SlowLimit.TotalMilliseconds)
        {
            CheckSlow(input, outcome, report);
        }

        if ((keepAlways || newCoverage || (newOutcome && !CoverageMap.Active)) && corpus.Count < MaximumCorpus)
        {
            corpus.Add(input);
        }
    }

    private (string Outcome, Exception? Exception, double Milliseconds) RunOnce(byte[] input)
    {
        options.OnInput?.Invoke(input);
        CoverageMap.Reset();
        Volatile.Write(ref currentInput, input);
        long start = Stopwatch.GetTimestamp();
        Volatile.Write(ref currentStarted, start);
        string outcome;
        Exception? failure = null;
        try
        {
            outcome = target.Run(input);
        }
#pragma warning disable CA1031 // Every exception of the target is a finding, never a reason to stop fuzzing.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            outcome = exception is FuzzPropertyException ? "property broken" : "exception";
            failure = exception;
        }

        double milliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        Volatile.Write(ref currentStarted, 0);
        return (outcome, failure, milliseconds);
    }

    private void CheckSlow(byte[] input, string outcome, TargetReport report)
    {
        // The machine is shared and the GC pauses: only an input slow on three runs in a row counts.
        for (int i = 0; i < 2; i++)
        {
            (_, _, double again) = RunOnce(input);
            if (again <= options.SlowLimit.TotalMilliseconds)
            {
                return;
            }
        }

        Record(new Finding(FindingKind.Slow, $"slow: {outcome}", $"{input.Length} bytes took more than {options.SlowLimit.TotalMilliseconds} ms three times (outcome {outcome})", input), report, minimize: false);
    }

    private void Record(Finding finding, TargetReport report, bool minimize = true)
    {
        if (!signatures.Add(finding.Signature))
        {
            return;
        }

        Finding minimized = minimize ? Minimize(finding) : finding;
        report.Findings.Add(minimized);
        options.OnFinding?.Invoke(minimized);
    }

    private Finding Minimize(Finding finding)
    {
        // Delta debugging light: drop ever smaller chunks while the same defect still reproduces.
        byte[] best = finding.Input;
        string details = finding.Details;
        long deadline = Stopwatch.GetTimestamp() + (long)(options.MinimizeBudget.TotalSeconds * Stopwatch.Frequency);
        for (int chunk = Math.Max(1, best.Length / 2); chunk >= 1 && Stopwatch.GetTimestamp() < deadline; chunk /= 2)
        {
            for (int at = 0; at + chunk <= best.Length && Stopwatch.GetTimestamp() < deadline;)
            {
                byte[] candidate = [.. best.AsSpan(0, at), .. best.AsSpan(at + chunk)];
                (_, Exception? exception, _) = RunOnce(candidate);
                if (exception is not null && ToFinding(exception, candidate).Signature == finding.Signature)
                {
                    best = candidate;
                    details = Describe(exception);
                }
                else
                {
                    at += chunk;
                }
            }
        }

        return finding with { Input = best, Details = details };
    }

    private void Watch(CancellationToken stop)
    {
        while (!stop.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(100)))
        {
            long started = Volatile.Read(ref currentStarted);
            if (started != 0 && Stopwatch.GetElapsedTime(started) > options.HangLimit)
            {
                byte[] input = Volatile.Read(ref currentInput) ?? [];
                var finding = new Finding(FindingKind.Hang, "hang", $"{input.Length} bytes still running after {options.HangLimit.TotalSeconds} s", input);
                options.OnHang?.Invoke(finding);

                // Without a handler that ends the process, report the hang once and keep waiting.
                while (Volatile.Read(ref currentStarted) == started && !stop.IsCancellationRequested)
                {
                    stop.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(100));
                }
            }
        }
    }

    internal static Finding ToFinding(Exception exception, byte[] input)
    {
        if (exception is FuzzPropertyException property)
        {
            return new Finding(FindingKind.Property, "property: " + property.Property, property.Message, input);
        }

        return new Finding(FindingKind.Crash, $"{exception.GetType().Name} at {ThrowingFrame(exception)}", Describe(exception), input);
    }

    private static string Describe(Exception exception) => exception.ToString();

    private static string ThrowingFrame(Exception exception)
    {
        // The first frame in our own firmware code is where the defect lives; framework frames only say how it failed.
        StackFrame[] frames = new StackTrace(exception, false).GetFrames();
        foreach (StackFrame frame in frames)
        {
            MethodBase? method = frame.GetMethod();
            string? type = method?.DeclaringType?.FullName;
            if (type is not null && type.StartsWith("Intercom.", StringComparison.Ordinal) && !type.StartsWith("Intercom.Tools.", StringComparison.Ordinal))
            {
                return $"{type}.{method!.Name}";
            }
        }

        MethodBase? first = frames.Length > 0 ? frames[0].GetMethod() : null;
        return first is null ? "(no frame)" : $"{first.DeclaringType?.FullName}.{first.Name}";
    }
}
