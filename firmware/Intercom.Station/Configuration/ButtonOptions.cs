namespace Intercom.Station.Configuration;

/// <summary>One door button and its call plan: <c>station.buttons[]</c>.</summary>
public sealed class ButtonOptions
{
    /// <summary>The name of the <c>doorButton</c> input in <c>hardware.inputs</c>.</summary>
    public string Input { get; set; } = string.Empty;

    /// <summary>The targets, rung as <see cref="Mode"/> says.</summary>
    public IReadOnlyList<CallTargetOptions> Targets { get; set; } = [];

    /// <summary>Parallel or sequential ringing.</summary>
    public CallPlanMode Mode { get; set; } = CallPlanMode.Parallel;

    /// <summary>The longest the targets ring in total before the plan gives up (or moves to the fallback).</summary>
    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Rung when no target answered (busy, failed or ring time over); null for none.</summary>
    public CallTargetOptions? Fallback { get; set; }
}
