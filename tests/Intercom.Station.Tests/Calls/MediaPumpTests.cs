using Intercom.Audio.Engine;
using Intercom.Station.Calls;
using Microsoft.Extensions.Time.Testing;

namespace Intercom.Station.Tests.Calls;

public sealed class MediaPumpTests
{
    private const int FrameSamples = CallPair.SampleRateHz / 100;

    [Fact]
    public async Task Pump_ConnectedCall_OnePlayedFramePerCapturedFrameOnlyWhenTheClockPolls()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using CallPair pair = await CallPair.StartAsync(CallPair.Options(), CallPair.Options(), ct);
        (MediaCall door, _) = await pair.ConnectAsync(ct);
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 7, 13, 3, 17, 0, TimeSpan.Zero));
        (AudioFrameRing capture, AudioFrameRing playback, MediaPump pump) = CallPair.Engine(clock);
        using MediaPump owned = pump;
        short[] frame = new short[FrameSamples];

        Assert.True(capture.TryWrite(frame));
        Assert.True(door.ConnectAudio(pump));

        // What the microphone captured before the call is stale: the first poll clears it.
        clock.Advance(pump.PollInterval);
        Assert.Equal(0, playback.Count);
        Assert.Equal(0, capture.Count);
        for (int i = 0; i < 3; i++)
        {
            Assert.True(capture.TryWrite(frame));
        }

        Assert.Equal(0, playback.Count);
        clock.Advance(pump.PollInterval);

        Assert.Equal(3, playback.Count);
        Assert.Equal(3, pump.GetStatistics().Frames);
        Assert.Equal(0, capture.Count);
        Assert.True(capture.TryWrite(frame));
        clock.Advance(pump.PollInterval);
        Assert.Equal(4, pump.GetStatistics().Frames);
        Assert.Same(door, pump.Call);

        await door.HangUpAsync();
        await door.Ended.WaitAsync(CallPair.Deadline, ct);
        Assert.Null(pump.Call);
        Assert.True(capture.TryWrite(frame));
        clock.Advance(pump.PollInterval * 4);
        Assert.Equal(4, pump.GetStatistics().Frames);
    }

    [Fact]
    public async Task Pump_SecondCall_RefusedWhileTheFirstHoldsTheEngine()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using CallPair pair = await CallPair.StartAsync(CallPair.Options(), CallPair.Options(), ct);
        (MediaCall first, _) = await pair.ConnectAsync(ct);
        (MediaCall second, _) = await pair.ConnectAsync(ct);
        (_, _, MediaPump pump) = CallPair.Engine(new FakeTimeProvider());
        using MediaPump owned = pump;

        first.ConnectAudio(pump);
        second.ConnectAudio(pump);
        Assert.Same(first, pump.Call);

        await first.HangUpAsync();
        await first.Ended.WaitAsync(CallPair.Deadline, ct);
        Assert.Null(pump.Call);
        second.ConnectAudio(pump);
        Assert.Same(second, pump.Call);
    }

    [Fact]
    public async Task Pump_ThousandsOfFramesThroughOpusAndSrtp_AllocateNothing()
    {
        const int MeasuredFrames = 5000;
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using CallPair pair = await CallPair.StartAsync(CallPair.Options(), CallPair.Options(), ct);
        (MediaCall door, MediaCall phone) = await pair.ConnectAsync(ct);
        Assert.Equal("opus/48000", door.GetStatus().Codec);
        Assert.True(door.GetStatus().IsEncrypted);
        (AudioFrameRing capture, AudioFrameRing playback, MediaPump pump) = CallPair.Engine(new FakeTimeProvider());
        using MediaPump owned = pump;
        door.ConnectAudio(pump);
        short[] frame = new short[FrameSamples];
        long sampleIndex = 0;

        RunFrames(1000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        RunFrames(MeasuredFrames);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // With tiered compilation a method's promotion to tier 1 is charged once to the calling thread (56 to
        // ~850 bytes, at a random frame, measured); any allocation per frame would be at least 24 bytes x 5000.
        Assert.True(allocated < MeasuredFrames, $"{allocated} bytes allocated over {MeasuredFrames} frames");
        Assert.True(pump.GetStatistics().Frames >= MeasuredFrames, $"{pump.GetStatistics().Frames} frames pumped");
        Assert.True(door.GetStatus().PacketsSent > 1000);
        Assert.Equal(MediaCallState.Connected, phone.State);

        void RunFrames(int count)
        {
            for (int i = 0; i < count; i++)
            {
                ToneAnalysis.Fill(frame, 440, CallPair.SampleRateHz, ref sampleIndex);
                capture.TryWrite(frame);
                pump.Pump();
                playback.TryRead(frame);
            }
        }
    }
}
