using Intercom.Audio.Engine;

namespace Intercom.Audio.Tests.Engine;

/// <summary>Simulated devices return at once; the engine must release exactly one frame per period of clock time.</summary>
public sealed class AudioEnginePacingTests
{
    [Fact]
    public void Start_SimulatedDevice_ProcessesOneFramePerPeriodOfClockTime()
    {
        var time = EngineFixture.NewClock();
        var device = new SimulatedAudioDevice(null, null);
        using var engine = EngineFixture.Create(device, time);
        engine.Start();
        Eventually.True(() => engine.GetStatistics().FramesProcessed == 1, "the first frame runs at start");

        for (var frame = 2; frame <= 50; frame++)
        {
            EngineFixture.Step(time, engine, frame);
            Assert.Equal(frame, engine.GetStatistics().FramesProcessed);
        }

        // Half a period releases nothing; the other half releases exactly one more frame.
        time.Advance(EngineFixture.Period / 2);
        time.Advance(EngineFixture.Period / 2);
        Eventually.True(() => engine.GetStatistics().FramesProcessed == 51, "the 51st frame");
        engine.Stop();
        Assert.Equal(51, engine.GetStatistics().FramesProcessed);
        Assert.Equal(51, device.FramesRead);
        Assert.Equal(0, engine.GetStatistics().LateFrames);
    }

    [Fact]
    public void Start_ClockJumpsFarAhead_CatchesUpAFewFramesAndCountsTheRestLate()
    {
        var time = EngineFixture.NewClock();
        using var engine = EngineFixture.Create(new SimulatedAudioDevice(null, null), time);
        engine.Start();
        Eventually.True(() => engine.GetStatistics().FramesProcessed == 1, "the first frame runs at start");

        // One second passes at once (a stalled machine): 100 frames are due. The engine runs the last one and
        // skips the rest instead of bursting 100 frames into the rings.
        time.Advance(TimeSpan.FromSeconds(1));
        Eventually.True(() => engine.GetStatistics().FramesProcessed == 2, "one frame after the jump");
        EngineFixture.Step(time, engine, 3);
        engine.Stop();

        var statistics = engine.GetStatistics();
        Assert.Equal(3, statistics.FramesProcessed);
        Assert.Equal(99, statistics.LateFrames);
    }

    [Fact]
    public void TimeSinceAlive_FollowsTheAudioThread()
    {
        var time = EngineFixture.NewClock();
        using var engine = EngineFixture.Create(new SimulatedAudioDevice(null, null), time);
        Assert.Equal(TimeSpan.MaxValue, engine.TimeSinceAlive);
        Assert.Null(engine.AliveAsOf);
        engine.Start();
        Eventually.True(() => engine.GetStatistics().FramesProcessed == 1, "the first frame runs at start");
        EngineFixture.Step(time, engine, 2);
        Assert.Equal(TimeSpan.Zero, engine.TimeSinceAlive);

        engine.Stop();
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(3), engine.TimeSinceAlive);
        Assert.Equal(time.GetUtcNow() - TimeSpan.FromSeconds(3), engine.AliveAsOf);
    }
}
