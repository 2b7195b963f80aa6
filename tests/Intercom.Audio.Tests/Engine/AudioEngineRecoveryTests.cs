using Intercom.Audio.Alsa;

namespace Intercom.Audio.Tests.Engine;

/// <summary>Xruns are recovered in the thread; a vanished card is reopened with backoff; nothing crashes.</summary>
public sealed class AudioEngineRecoveryTests
{
    [Fact]
    public void CaptureOverrun_IsRecoveredInPlaceAndCounted()
    {
        var time = EngineFixture.NewClock();
        var device = new ScriptedAudioDevice();
        device.FailNextReads(AlsaError.BrokenPipe);
        using var engine = EngineFixture.Create(device, time);
        engine.Start();
        Eventually.True(() => engine.GetStatistics().FramesProcessed == 1, "the frame after the overrun");
        EngineFixture.Step(time, engine, 2);
        engine.Stop();

        var statistics = engine.GetStatistics();
        Assert.Equal(1, statistics.CaptureOverruns);
        Assert.Equal(1, device.CaptureRecoveries);
        Assert.Equal(0, statistics.DeviceLosses);
        Assert.Equal(1, device.OpenAttempts);
    }

    [Fact]
    public void PlaybackUnderrun_IsRecoveredInPlaceAndCounted()
    {
        var time = EngineFixture.NewClock();
        var device = new ScriptedAudioDevice();
        device.FailNextWrites(AlsaError.BrokenPipe, AlsaError.BrokenPipe);
        using var engine = EngineFixture.Create(device, time);
        engine.Start();
        Eventually.True(() => engine.GetStatistics().FramesProcessed == 1, "the first frame");
        EngineFixture.Step(time, engine, 2);
        engine.Stop();

        Assert.Equal(2, engine.GetStatistics().PlaybackUnderruns);
        Assert.Equal(2, device.PlaybackRecoveries);
    }

    [Fact]
    public void DeviceUnplugged_IsClosedAndReopenedWithDoublingBackoff()
    {
        var time = EngineFixture.NewClock();
        var device = new ScriptedAudioDevice();
        using var engine = EngineFixture.Create(device, time);
        engine.Start();
        Eventually.True(() => engine.GetStatistics().FramesProcessed == 1, "the first frame");

        // Unplugged: the next read fails with -ENODEV and the card stays away for two more opens.
        device.FailNextReads(AlsaError.NoDevice);
        device.ScriptOpens(false, false, true);
        time.Advance(EngineFixture.Period);
        Eventually.True(() => engine.GetStatistics().DeviceLosses == 1, "the loss is noticed");
        Assert.False(engine.GetStatistics().IsDeviceOpen);
        Assert.Contains("No such device", engine.GetStatistics().LastDeviceFailure, StringComparison.Ordinal);

        // Backoff 200 ms, then 400 ms, then 800 ms, between the attempts.
        AdvanceAndExpectOpenAttempts(time, engine, device, TimeSpan.FromMilliseconds(190), expected: 1);
        AdvanceAndExpectOpenAttempts(time, engine, device, TimeSpan.FromMilliseconds(10), expected: 2);
        AdvanceAndExpectOpenAttempts(time, engine, device, TimeSpan.FromMilliseconds(390), expected: 2);
        AdvanceAndExpectOpenAttempts(time, engine, device, TimeSpan.FromMilliseconds(10), expected: 3);
        AdvanceAndExpectOpenAttempts(time, engine, device, TimeSpan.FromMilliseconds(790), expected: 3);
        AdvanceAndExpectOpenAttempts(time, engine, device, TimeSpan.FromMilliseconds(10), expected: 4);

        Eventually.True(() => engine.GetStatistics().IsDeviceOpen, "the card is back");
        var framesBefore = engine.GetStatistics().FramesProcessed;
        EngineFixture.Step(time, engine, framesBefore + 1);
        engine.Stop();

        var statistics = engine.GetStatistics();
        Assert.Equal(2, statistics.DeviceOpenFailures);
        Assert.Equal(2, statistics.DeviceOpens);
        Assert.Equal(0, statistics.UnexpectedErrors);
        Assert.Equal("scripted: no such device", statistics.LastDeviceFailure);
    }

    [Fact]
    public void DeviceAbsentAtStart_KeepsTryingAndStaysAlive()
    {
        var time = EngineFixture.NewClock();
        var device = new ScriptedAudioDevice();
        device.ScriptOpens(false, false, false, false, false);
        using var engine = EngineFixture.Create(device, time);
        engine.Start();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Eventually.True(
                () => device.OpenAttempts == attempt && engine.IsWaitingOnClock, $"open attempt {attempt}, then backoff");
            Assert.Equal(TimeSpan.Zero, engine.TimeSinceAlive);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Eventually.True(() => engine.GetStatistics().IsDeviceOpen, "the card appears on the sixth attempt");
        engine.Stop();
        Assert.Equal(5, engine.GetStatistics().DeviceOpenFailures);
    }

    private static void AdvanceAndExpectOpenAttempts(
        Microsoft.Extensions.Time.Testing.FakeTimeProvider time,
        Intercom.Audio.Engine.AudioEngine engine,
        ScriptedAudioDevice device,
        TimeSpan step,
        int expected)
    {
        // Advance only once the thread has taken its backoff deadline, or the step would be lost on it.
        Eventually.True(() => engine.IsWaitingOnClock, "the audio thread waits on the clock");
        time.Advance(step);
        if (device.OpenAttempts < expected)
        {
            Eventually.True(() => device.OpenAttempts >= expected, $"open attempt {expected}");
        }

        Assert.Equal(expected, device.OpenAttempts);
    }
}
