using System.Diagnostics;
using Intercom.Tools.Fuzz.Engine;
using Intercom.Tools.Fuzz.Targets;

namespace Intercom.Fuzz.Tests;

/// <summary>
/// Time per input stays bounded on the worst shapes: every dictionary token of a target repeated to the
/// target's size limit inside a seed (a 64 KB header line, thousands of parameters, 16 KB of SDP lines,
/// deeply nested JSON). A quadratic parser takes seconds on these; ours must stay well under one.
/// </summary>
public sealed class PathologicalInputTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    public static TheoryData<string> Targets() => new(FuzzTargets.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Targets))]
    public void Run_TokenRepeatedToSizeLimit_FinishesQuicklyWithoutFinding(string name)
    {
        IFuzzTarget target = FuzzTargets.Find(name)!;
        var engine = new FuzzEngine(target, new FuzzRunOptions());
        byte[] seed = target.CreateSeeds()[0];
        TimeSpan slowest = TimeSpan.Zero;
        string slowestToken = "";
        foreach (byte[] token in target.Dictionary)
        {
            int room = target.MaximumInputLength - seed.Length;
            int copies = Math.Max(1, room / token.Length);
            byte[] run = new byte[copies * token.Length];
            for (int i = 0; i < copies; i++)
            {
                token.CopyTo(run, i * token.Length);
            }

            int middle = seed.Length / 2;
            byte[] input = [.. seed.AsSpan(0, middle), .. run, .. seed.AsSpan(middle)];
            var stopwatch = Stopwatch.StartNew();
            Finding? finding = engine.Replay(input, out _);
            stopwatch.Stop();

            Assert.True(finding is null, finding?.Details);
            if (stopwatch.Elapsed > slowest)
            {
                slowest = stopwatch.Elapsed;
                slowestToken = System.Text.Encoding.UTF8.GetString(token);
            }
        }

        Assert.True(slowest < Limit, $"{name}: '{slowestToken}' repeated took {slowest.TotalMilliseconds} ms");
    }
}
