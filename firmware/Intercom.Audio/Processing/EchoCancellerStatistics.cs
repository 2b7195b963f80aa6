namespace Intercom.Audio.Processing;

/// <summary>Counters of an <see cref="EchoCanceller"/>, read outside the audio thread.</summary>
/// <param name="Blocks">10 ms blocks processed.</param>
/// <param name="ForegroundUpdates">Times the adapting background filter was better and became the output filter.</param>
/// <param name="BackgroundResets">Times the background filter had run off (double talk) and restarted from the output filter.</param>
/// <param name="DelayChanges">Times the filters were re-aligned (a new echo delay, or room kept for clock drift).</param>
/// <param name="PathChanges">Times the echo path changed under the filter (its error grew above the microphone signal).</param>
/// <param name="Restarts">Times the filters started over because a value was not finite (a bug; should stay zero).</param>
public readonly record struct EchoCancellerStatistics(long Blocks, long ForegroundUpdates, long BackgroundResets, long DelayChanges, long PathChanges, long Restarts);
