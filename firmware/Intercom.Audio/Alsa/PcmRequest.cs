namespace Intercom.Audio.Alsa;

/// <summary>What to open: a device name and the exact stream format the engine runs at.</summary>
/// <param name="DeviceName">An ALSA PCM name: <c>default</c>, <c>plughw:CARD=Device,DEV=0</c>, <c>hw:Loopback,1</c>.</param>
/// <param name="Direction">Capture or playback.</param>
/// <param name="SampleRateHz">Exact rate; <c>plug</c> devices resample, <c>hw</c> devices refuse other rates.</param>
/// <param name="Channels">Interleaved channels per frame (the engine runs mono).</param>
/// <param name="PeriodFrames">Frames per period (10 ms at the rate).</param>
/// <param name="BufferPeriods">Periods in the ring buffer (2–3: low latency, room for one late wake-up).</param>
public sealed record PcmRequest(
    string DeviceName,
    PcmDirection Direction,
    int SampleRateHz,
    int Channels,
    int PeriodFrames,
    int BufferPeriods)
{
    /// <summary>
    /// The software start threshold in frames; null picks the engine's choice: 1 for capture (a real card otherwise
    /// waits for a full buffer after setup and one-period reads fail with -EIO), one period for playback.
    /// </summary>
    public int? StartThresholdFrames { get; init; }
}
