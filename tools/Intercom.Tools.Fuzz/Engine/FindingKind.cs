namespace Intercom.Tools.Fuzz.Engine;

/// <summary>What an input did wrong.</summary>
internal enum FindingKind
{
    /// <summary>The parser threw an exception (wire input must never throw).</summary>
    Crash,

    /// <summary>A property of the target was broken (round trip, bounds, reason, forged packet accepted).</summary>
    Property,

    /// <summary>The input took longer than the slow limit, every time it was run.</summary>
    Slow,

    /// <summary>The input did not finish within the hang limit; the worker was stopped.</summary>
    Hang,
}
