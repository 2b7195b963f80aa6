namespace Intercom.Station.Calls;

/// <summary>Counters of the <see cref="MediaPump"/> since it was created.</summary>
/// <param name="Frames">10 ms frames sent to and received from calls.</param>
/// <param name="FramesWithoutCall">Captured frames discarded because no connected call took them.</param>
/// <param name="PlaybackFramesDropped">Received frames dropped because the playback ring was full.</param>
/// <param name="Failures">Polls that threw (our bug; logged rate-limited).</param>
/// <param name="LargestBacklogFrames">The most captured frames found waiting at one poll (a measure of pump latency).</param>
public sealed record MediaPumpStatistics(long Frames, long FramesWithoutCall, long PlaybackFramesDropped, long Failures, int LargestBacklogFrames);
