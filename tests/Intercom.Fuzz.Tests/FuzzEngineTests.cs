using System.Text;
using Intercom.Tools.Fuzz.Engine;

namespace Intercom.Fuzz.Tests;

/// <summary>The engine itself: it finds planted defects, shrinks them, notices slow and hanging inputs.</summary>
public sealed class FuzzEngineTests
{
    [Fact]
    public void Run_PlantedCrashBehindMagicBytes_FoundAndMinimized()
    {
        // Outcome labels guide the search step by step towards "BUG" hidden in a longer input.
        var target = new PlantedTarget();
        var findings = new List<Finding>();
        var engine = new FuzzEngine(target, new FuzzRunOptions { Seed = 7, MaximumInputs = 100_000, Duration = TimeSpan.FromSeconds(30), StopAfterFindings = 1, OnFinding = findings.Add });

        TargetReport report = engine.Run(TestContext.Current.CancellationToken);

        Finding finding = Assert.Single(report.Findings);
        Assert.Same(finding, Assert.Single(findings));
        Assert.Equal(FindingKind.Crash, finding.Kind);
        Assert.StartsWith("IndexOutOfRangeException at ", finding.Signature, StringComparison.Ordinal);
        Assert.Equal("BUG"u8.ToArray(), finding.Input);
        Assert.True(report.Inputs < 100_000, "the planted defect should be found before the input budget runs out");
    }

    [Fact]
    public void Run_SameDefectTwice_ReportedOnce()
    {
        var target = new ThrowingTarget(_ => throw new FormatException("always"));
        var engine = new FuzzEngine(target, new FuzzRunOptions { Seed = 1, MaximumInputs = 500, MinimizeBudget = TimeSpan.FromMilliseconds(50) });

        TargetReport report = engine.Run(TestContext.Current.CancellationToken);

        Assert.Equal(500, report.Inputs);
        Assert.Single(report.Findings);
    }

    [Fact]
    public void Run_PropertyException_IsPropertyFindingWithConstantSignature()
    {
        var target = new ThrowingTarget(input => FuzzPropertyException.Check(input.Length < 3, "inputs stay short", () => $"{input.Length} bytes"));
        var engine = new FuzzEngine(target, new FuzzRunOptions { Seed = 3, MaximumInputs = 2_000, MinimizeBudget = TimeSpan.FromMilliseconds(500) });

        TargetReport report = engine.Run(TestContext.Current.CancellationToken);

        Finding finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.Property, finding.Kind);
        Assert.Equal("property: inputs stay short", finding.Signature);
        Assert.Equal(3, finding.Input.Length);
    }

    [Fact]
    public void Run_InputSlowEveryTime_IsSlowFinding()
    {
        var target = new ThrowingTarget(input =>
        {
            if (input.Length > 8)
            {
                SpinFor(TimeSpan.FromMilliseconds(30));
            }
        });
        var engine = new FuzzEngine(target, new FuzzRunOptions { Seed = 5, MaximumInputs = 300, SlowLimit = TimeSpan.FromMilliseconds(10) });

        TargetReport report = engine.Run(TestContext.Current.CancellationToken);

        Finding finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.Slow, finding.Kind);
        Assert.True(finding.Input.Length > 8);
    }

    [Fact]
    public void Run_InputThatHangs_WatchdogReportsIt()
    {
        using var hang = new ManualResetEventSlim();
        Finding? reported = null;
        var target = new ThrowingTarget(input =>
        {
            if (input.Length > 8 && reported is null)
            {
                // Blocks until the watchdog has seen it (bounded, so a broken watchdog fails the test instead of hanging it).
                hang.Wait(TimeSpan.FromSeconds(10));
            }
        });
        var engine = new FuzzEngine(target, new FuzzRunOptions
        {
            Seed = 9,
            MaximumInputs = 300,
            HangLimit = TimeSpan.FromMilliseconds(200),
            OnHang = finding =>
            {
                reported = finding;
                hang.Set();
            },
        });

        engine.Run(TestContext.Current.CancellationToken);

        Assert.NotNull(reported);
        Assert.Equal(FindingKind.Hang, reported.Kind);
        Assert.True(reported.Input.Length > 8);
    }

    [Fact]
    public void Replay_CleanInput_NoFindingAndOutcome()
    {
        var engine = new FuzzEngine(new PlantedTarget(), new FuzzRunOptions());

        Finding? finding = engine.Replay("BU"u8.ToArray(), out string outcome);

        Assert.Null(finding);
        Assert.Equal("prefix 2", outcome);
    }

    [Fact]
    public void Mutator_HugeRuns_StayWithinMaximumLength()
    {
        var mutator = new Mutator(new Random(11), [[(byte)';']], text: true, maximumLength: 4096);
        byte[] input = Encoding.ASCII.GetBytes("Via: SIP/2.0/UDP host;branch=z9hG4bK1\r\n");

        for (int i = 0; i < 5_000; i++)
        {
            input = mutator.Mutate(input, input);
            Assert.True(input.Length <= 4096);
        }
    }

    [Fact]
    public void CoverageBuckets_FollowAflHitCountClasses()
    {
        Assert.Equal(1, CoverageMap.Bucket(1));
        Assert.Equal(4, CoverageMap.Bucket(3));
        Assert.Equal(8, CoverageMap.Bucket(7));
        Assert.Equal(16, CoverageMap.Bucket(8));
        Assert.Equal(64, CoverageMap.Bucket(127));
        Assert.Equal(128, CoverageMap.Bucket(255));
    }

    private static void SpinFor(TimeSpan duration)
    {
        long end = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        while (System.Diagnostics.Stopwatch.GetTimestamp() < end)
        {
            Thread.SpinWait(100);
        }
    }

    /// <summary>Throws only for inputs starting "BUG"; labels say how much of the prefix matched.</summary>
    private sealed class PlantedTarget : IFuzzTarget
    {
        public string Name => "planted";

        public string Description => "planted defect";

        public int MaximumInputLength => 64;

        public bool IsText => false;

        public IReadOnlyList<byte[]> Dictionary { get; } = [[(byte)'B'], [(byte)'U'], [(byte)'G']];

        public IReadOnlyList<byte[]> CreateSeeds() => [Encoding.ASCII.GetBytes("hello")];

        public string Run(ReadOnlySpan<byte> input)
        {
            int matched = 0;
            while (matched < 3 && matched < input.Length && input[matched] == "BUG"[matched])
            {
                matched++;
            }

            if (matched == 3)
            {
                int[] empty = [];
                return empty[input.Length].ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return $"prefix {matched}";
        }
    }

    private sealed class ThrowingTarget(Action<byte[]> check) : IFuzzTarget
    {
        public string Name => "throwing";

        public string Description => "test target";

        public int MaximumInputLength => 64;

        public bool IsText => false;

        public IReadOnlyList<byte[]> Dictionary { get; } = [];

        public IReadOnlyList<byte[]> CreateSeeds() => [[1, 2]];

        public string Run(ReadOnlySpan<byte> input)
        {
            check(input.ToArray());
            return "ran";
        }
    }
}
