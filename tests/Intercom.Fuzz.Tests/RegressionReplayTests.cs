using System.Diagnostics;
using Intercom.Tools.Fuzz.Engine;
using Intercom.Tools.Fuzz.Targets;

namespace Intercom.Fuzz.Tests;

/// <summary>
/// Every input the fuzzer ever found a defect with (Regressions/&lt;target&gt;/*.bin) replays through its target:
/// no exception, no broken property, and quickly.
/// </summary>
public sealed class RegressionReplayTests
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(2);

    public static TheoryData<string> Files()
    {
        var files = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Regressions"), "*.bin", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "Regressions"), file));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Replay_SavedFinding_HoldsEveryProperty(string relativePath)
    {
        string targetName = Path.GetDirectoryName(relativePath)!;
        IFuzzTarget? target = FuzzTargets.Find(targetName);
        Assert.NotNull(target);
        byte[] input = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Regressions", relativePath));
        var engine = new FuzzEngine(target, new FuzzRunOptions());

        var stopwatch = Stopwatch.StartNew();
        Finding? finding = engine.Replay(input, out string outcome);
        stopwatch.Stop();

        Assert.True(finding is null, $"{relativePath}: {finding?.Details}");
        Assert.False(string.IsNullOrEmpty(outcome));
        Assert.True(stopwatch.Elapsed < TimeLimit, $"{relativePath} took {stopwatch.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void Regressions_EveryFolder_NamesATarget()
    {
        foreach (string folder in Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "Regressions")))
        {
            Assert.NotNull(FuzzTargets.Find(Path.GetFileName(folder)));
        }
    }
}
