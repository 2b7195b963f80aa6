using Intercom.Audio.Dsp;
using Intercom.Audio.Engine;
using Intercom.Audio.Wave;

namespace Intercom.Audio.Tests.Engine;

/// <summary>The engine end to end on the simulated device: what the visitor says and hears.</summary>
public sealed class AudioEngineSimulatedTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void Run_ToneMicrophone_ReachesTheNetworkSideThroughTheCaptureRing()
    {
        var time = EngineFixture.NewClock();
        var options = EngineFixture.Options();
        options.SimulatedMicrophoneToneHz = 700;
        using var engine = EngineFixture.Create(AudioDeviceFactory.Create(options, out var warning), time, options);
        Assert.Null(warning);
        engine.Start();
        Eventually.True(() => engine.GetStatistics().FramesProcessed == 1, "the first frame");
        for (var frame = 2; frame <= 10; frame++)
        {
            EngineFixture.Step(time, engine, frame);
        }

        engine.Stop();
        Assert.Equal(10, engine.CaptureRing.Count);
        var encoderInput = new short[engine.Format.FrameSamples];
        while (engine.CaptureRing.TryRead(encoderInput))
        {
        }

        Assert.InRange(Signal.ToneLevelDbfs(encoderInput, 16000, 700), -21, -19);
    }

    [Fact]
    public void Run_NetworkAudioAndDoorChime_AreMixedAtTheSpeakerVolumeIntoTheLoudspeaker()
    {
        var time = EngineFixture.NewClock();
        var options = EngineFixture.Options();
        options.SimulatedSpeakerWavePath = _directory.File("speaker.wav");
        options.SpeakerVolumePercent = 100;
        using (var engine = EngineFixture.Create(AudioDeviceFactory.Create(options, out _), time, options))
        {
            var farEnd = Signal.Sine(16000, 300, -20, 160);
            for (var frame = 0; frame < 10; frame++)
            {
                Assert.True(engine.PlaybackRing.TryWrite(farEnd));
            }

            engine.PlayTone(AudioTone.DoorOpened);
            Assert.True(engine.IsTonePlaying);
            engine.Start();
            Eventually.True(() => engine.GetStatistics().FramesProcessed == 1, "the first frame");
            for (var frame = 2; frame <= 70; frame++)
            {
                EngineFixture.Step(time, engine, frame);
            }

            Assert.False(engine.IsTonePlaying);
            engine.Stop();
            Assert.Equal(1, engine.GetStatistics().PlaybackRingGaps);
        }

        var played = WaveFile.Read(options.SimulatedSpeakerWavePath);
        Assert.True(played.Succeeded, played.Error);
        Assert.Equal(70 * 160, played.Samples!.Length);
        var firstTenFrames = played.Samples.AsSpan(0, 1600);
        Assert.InRange(Signal.ToneLevelDbfs(firstTenFrames, 16000, 300), -21, -19);
        Assert.InRange(Signal.ToneLevelDbfs(played.Samples.AsSpan(160, 2400), 16000, 784), -11, -8);
        Assert.InRange(Signal.ToneLevelDbfs(played.Samples.AsSpan(3200, 6400), 16000, 1047), -10, -8);
        Assert.True(Signal.PeakDbfs(played.Samples.AsSpan(60 * 160)) < -90, "silent after the chime and the far end");
    }

    [Fact]
    public void SpeakerVolumeAndMicrophoneGain_SetWhileRunning_TakeEffect()
    {
        var time = EngineFixture.NewClock();
        var options = EngineFixture.Options();
        options.SimulatedMicrophoneToneHz = 500;
        options.SimulatedSpeakerWavePath = _directory.File("volume.wav");
        using (var engine = EngineFixture.Create(AudioDeviceFactory.Create(options, out _), time, options))
        {
            engine.MicrophoneGainDb = -10;
            engine.SpeakerVolumePercent = 0;
            engine.PlayTone(AudioTone.Ringback);
            engine.Start();
            Eventually.True(() => engine.GetStatistics().FramesProcessed == 1, "the first frame");
            for (var frame = 2; frame <= 5; frame++)
            {
                EngineFixture.Step(time, engine, frame);
            }

            engine.Stop();
            var encoderInput = new short[160];
            while (engine.CaptureRing.TryRead(encoderInput))
            {
            }

            Assert.InRange(Signal.ToneLevelDbfs(encoderInput, 16000, 500), -31, -29);
            Assert.Equal(0, engine.SpeakerVolumePercent);
        }

        var played = WaveFile.Read(options.SimulatedSpeakerWavePath);
        Assert.True(Signal.PeakDbfs(played.Samples.AsSpan(160)) < -90, "muted after the glide frame");
    }

    [Fact]
    public void Start_WithRealtimePriority_RunsWhetherTheKernelGrantsItOrNot()
    {
        var time = EngineFixture.NewClock();
        var options = EngineFixture.Options();
        options.RealtimePriority = 1;
        using var engine = EngineFixture.Create(new SimulatedAudioDevice(null, null), time, options);
        engine.Start();
        Eventually.True(() => engine.GetStatistics().FramesProcessed == 1, "the first frame");
        EngineFixture.Step(time, engine, 2);
        engine.Stop();

        // 0 when granted, EPERM (1) in a container or without CAP_SYS_NICE: either way the engine ran.
        Assert.Contains(engine.GetStatistics().RealtimeSchedulingError, new int?[] { 0, 1 });
    }

    public void Dispose() => _directory.Dispose();
}
