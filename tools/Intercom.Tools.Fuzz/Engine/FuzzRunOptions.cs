namespace Intercom.Tools.Fuzz.Engine;

/// <summary>How long and how hard the engine fuzzes one target.</summary>
internal sealed record FuzzRunOptions
{
    /// <summary>Wall-clock time for the target.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Stop after this many inputs even if time is left (tests use it to stay bounded).</summary>
    public long MaximumInputs { get; init; } = long.MaxValue;

    /// <summary>Stop once this many distinct findings are recorded (tests and quick checks).</summary>
    public int StopAfterFindings { get; init; } = int.MaxValue;

    /// <summary>Seed of the mutation random generator, so a run can be repeated.</summary>
    public int Seed { get; init; } = Environment.TickCount;

    /// <summary>An input slower than this on every one of three runs is a finding.</summary>
    public TimeSpan SlowLimit { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>An input still running after this is a hang: <see cref="OnHang"/> is called from the watchdog.</summary>
    public TimeSpan HangLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time spent shrinking each new crash or property finding.</summary>
    public TimeSpan MinimizeBudget { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Called on the watchdog thread with the input that hangs; the worker saves it and exits.</summary>
    public Action<Finding>? OnHang { get; init; }

    /// <summary>Called before each input runs (the worker mirrors it to a file that survives a process crash).</summary>
    public Action<byte[]>? OnInput { get; init; }

    /// <summary>Called for each new distinct finding, as soon as it is minimized.</summary>
    public Action<Finding>? OnFinding { get; init; }
}
