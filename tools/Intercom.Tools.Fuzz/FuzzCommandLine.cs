using System.Globalization;

namespace Intercom.Tools.Fuzz;

/// <summary>The command line of <c>fuzz</c>.</summary>
internal sealed record FuzzCommandLine
{
    public const string Usage = """
        usage: fuzz [--seconds N] [--target NAME]... [--seed N] [--output DIR] [--no-coverage]
                    [--slow-ms N] [--hang-seconds N]
               fuzz --list
               fuzz --replay FILE|DIR --target NAME

          --seconds N       total time, shared evenly by the selected targets (default 60)
          --target NAME     fuzz only this target (repeatable; default: all, see --list)
          --seed N          random seed (default: from the clock; printed so a run can be repeated)
          --output DIR      where findings are saved (default ./fuzz-findings)
          --no-coverage     do not instrument the firmware assemblies (coverage-less mutation only)
          --slow-ms N       an input slower than this three times in a row is a finding (default 500)
          --hang-seconds N  an input running longer than this is a hang (default 10)
          --replay PATH     run saved inputs through a target and report what they do
        exit code: 0 no findings, 1 findings, 2 usage error
        """;

    public double Seconds { get; init; } = 60;

    public List<string> Targets { get; } = [];

    public int Seed { get; init; } = Environment.TickCount & 0x7FFF_FFFF;

    public string Output { get; init; } = "fuzz-findings";

    public bool Coverage { get; init; } = true;

    public double SlowMilliseconds { get; init; } = 500;

    public double HangSeconds { get; init; } = 10;

    public bool List { get; init; }

    public string? Replay { get; init; }

    /// <summary>Set by the supervisor when it starts a worker process for one target.</summary>
    public bool Worker { get; init; }

    public string? SummaryPath { get; init; }

    public string? LastInputPath { get; init; }

    /// <summary>Parses arguments; null with <paramref name="error"/> set when they are wrong.</summary>
    public static FuzzCommandLine? Parse(IReadOnlyList<string> arguments, out string? error)
    {
        error = null;
        var result = new FuzzCommandLine();
        for (int i = 0; i < arguments.Count; i++)
        {
            string argument = arguments[i];
            string? Next()
            {
                return i + 1 < arguments.Count ? arguments[++i] : null;
            }

            switch (argument)
            {
                case "--seconds" when double.TryParse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0:
                    result = result with { Seconds = seconds };
                    break;
                case "--target" when Next() is string target:
                    foreach (string name in target.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        result.Targets.Add(name);
                    }

                    break;
                case "--seed" when int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out int seed):
                    result = result with { Seed = seed };
                    break;
                case "--output" when Next() is string output:
                    result = result with { Output = output };
                    break;
                case "--no-coverage":
                    result = result with { Coverage = false };
                    break;
                case "--slow-ms" when double.TryParse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture, out double slow) && slow > 0:
                    result = result with { SlowMilliseconds = slow };
                    break;
                case "--hang-seconds" when double.TryParse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture, out double hang) && hang > 0:
                    result = result with { HangSeconds = hang };
                    break;
                case "--list":
                    result = result with { List = true };
                    break;
                case "--replay" when Next() is string replay:
                    result = result with { Replay = replay };
                    break;
                case "--worker":
                    result = result with { Worker = true };
                    break;
                case "--summary" when Next() is string summary:
                    result = result with { SummaryPath = summary };
                    break;
                case "--last-input" when Next() is string last:
                    result = result with { LastInputPath = last };
                    break;
                default:
                    error = $"unknown or incomplete argument '{argument}'";
                    return null;
            }
        }

        return result;
    }
}
