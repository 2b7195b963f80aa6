using Intercom.Tools.Fuzz.Engine;
using Intercom.Tools.Fuzz.Targets;

namespace Intercom.Fuzz.Tests;

/// <summary>
/// A short, fixed-seed fuzz of every target (a few thousand inputs each) so CI catches a regression in any parser
/// the long runs of <c>fuzz</c> cleared; and every seed passes its own target.
/// </summary>
public sealed class TargetSmokeTests
{
    public static TheoryData<string> Targets() => new(FuzzTargets.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Targets))]
    public void Seeds_PassTheirTarget(string name)
    {
        IFuzzTarget target = FuzzTargets.Find(name)!;
        var engine = new FuzzEngine(target, new FuzzRunOptions());
        IReadOnlyList<byte[]> seeds = target.CreateSeeds();

        Assert.NotEmpty(seeds);
        foreach (byte[] seed in seeds)
        {
            Finding? finding = engine.Replay(seed, out _);
            Assert.True(finding is null, finding?.Details);
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void ShortFuzz_FixedSeed_FindsNothing(string name)
    {
        IFuzzTarget target = FuzzTargets.Find(name)!;
        var engine = new FuzzEngine(target, new FuzzRunOptions { Seed = 20_240_917, MaximumInputs = 3_000, Duration = TimeSpan.FromSeconds(20), SlowLimit = TimeSpan.FromSeconds(2) });

        TargetReport report = engine.Run(TestContext.Current.CancellationToken);

        Assert.True(report.Findings.Count == 0, string.Join("\n\n", report.Findings.Select(f => f.Details)));
        Assert.True(report.Outcomes.Count > 1, "the mutations should reach more than one outcome");
    }
}
