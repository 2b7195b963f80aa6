namespace Intercom.Interop.Tests.Peers;

/// <summary>Audio for a <see cref="BaresipPeer"/>: what its microphone plays (looped by aufile, resampled by baresip).</summary>
/// <param name="SourceSamples">Mono samples.</param>
/// <param name="SourceSampleRateHz">Their rate.</param>
public sealed record BaresipMedia(short[] SourceSamples, int SourceSampleRateHz);
