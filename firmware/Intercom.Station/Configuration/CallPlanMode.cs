namespace Intercom.Station.Configuration;

/// <summary>How the targets of a call plan are rung.</summary>
public enum CallPlanMode
{
    /// <summary>All targets at once; the first to answer wins and the others are cancelled.</summary>
    Parallel,

    /// <summary>One target after the other, each for its ring time.</summary>
    Sequential,
}
