using Intercom.Audio.Engine;
using Intercom.Audio.Processing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Intercom.Audio.Tests.Engine;

/// <summary>Builds engines on a fake clock that starts at an odd date (hidden wall-clock use shows).</summary>
internal static class EngineFixture
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(10);

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2031, 2, 3, 4, 5, 6, 789, TimeSpan.Zero));

    public static AudioOptions Options(int sampleRateHz = 16000) => new()
    {
        Backend = AudioBackend.Simulated,
        SampleRateHz = sampleRateHz,
        RealtimePriority = 0,
        SpeakerVolumePercent = 100,
        AutomaticGainControlEnabled = false,
        DeviceReopenInitialDelay = TimeSpan.FromMilliseconds(200),
        DeviceReopenMaximumDelay = TimeSpan.FromSeconds(1),
    };

    public static AudioEngine Create(
        IAudioDevice device, TimeProvider time, AudioOptions? options = null, ICaptureProcessor? processor = null) =>
        new(options ?? Options(), device, processor, time, NullLogger<AudioEngine>.Instance);

    /// <summary>Advances fake time one period and waits until the engine has processed <paramref name="frames"/>.</summary>
    public static void Step(FakeTimeProvider time, AudioEngine engine, long frames)
    {
        time.Advance(Period);
        Eventually.True(() => engine.GetStatistics().FramesProcessed >= frames, $"frame {frames} is processed");
    }
}
