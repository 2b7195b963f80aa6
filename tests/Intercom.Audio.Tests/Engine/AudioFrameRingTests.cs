using Intercom.Audio.Engine;
using Microsoft.Extensions.Time.Testing;

namespace Intercom.Audio.Tests.Engine;

public sealed class AudioFrameRingTests
{
    [Fact]
    public void TryRead_AfterWrites_ReturnsFramesInOrderThenEmpty()
    {
        var ring = new AudioFrameRing(frameSamples: 4, capacityFrames: 3);
        Assert.True(ring.TryWrite([1, 2, 3, 4]));
        Assert.True(ring.TryWrite([5, 6, 7, 8]));
        var frame = new short[4];

        Assert.True(ring.TryRead(frame));
        Assert.Equal([1, 2, 3, 4], frame);
        Assert.True(ring.TryRead(frame));
        Assert.Equal([5, 6, 7, 8], frame);
        Assert.False(ring.TryRead(frame));
    }

    [Fact]
    public void TryWrite_WhenFull_RefusesTheNewestFrame()
    {
        var ring = new AudioFrameRing(frameSamples: 2, capacityFrames: 2);
        Assert.True(ring.TryWrite([1, 1]));
        Assert.True(ring.TryWrite([2, 2]));
        Assert.False(ring.TryWrite([3, 3]));
        Assert.Equal(2, ring.Count);

        var frame = new short[2];
        Assert.True(ring.TryRead(frame));
        Assert.Equal([1, 1], frame);
    }

    [Fact]
    public void TryWrite_WrongFrameLength_IsRefused()
    {
        var ring = new AudioFrameRing(frameSamples: 4, capacityFrames: 2);
        Assert.False(ring.TryWrite([1, 2, 3]));
        Assert.False(ring.TryRead(new short[5]));
        Assert.Equal(0, ring.Count);
    }

    [Fact]
    public void Clear_DropsWaitingFrames()
    {
        var ring = new AudioFrameRing(frameSamples: 1, capacityFrames: 4);
        Assert.True(ring.TryWrite([1]));
        Assert.True(ring.TryWrite([2]));
        ring.Clear();
        Assert.Equal(0, ring.Count);
        Assert.True(ring.TryWrite([3]));
        var frame = new short[1];
        Assert.True(ring.TryRead(frame));
        Assert.Equal(3, frame[0]);
    }

    [Fact]
    public void ProducerAndConsumerThreads_TwentyThousandFrames_ArriveOnceInOrder()
    {
        const int Frames = 20_000;
        var ring = new AudioFrameRing(frameSamples: 8, capacityFrames: 4);
        var producer = new Thread(() =>
        {
            var frame = new short[8];
            for (var i = 0; i < Frames;)
            {
                frame.AsSpan().Fill((short)i);
                if (ring.TryWrite(frame))
                {
                    i++;
                }
                else
                {
                    Thread.Yield();
                }
            }
        });
        producer.Start();

        var received = new short[8];
        var expected = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (expected < Frames && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (!ring.TryRead(received))
            {
                Thread.Yield();
                continue;
            }

            foreach (var sample in received)
            {
                Assert.Equal((short)expected, sample);
            }

            expected++;
        }

        Assert.True(producer.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(Frames, expected);
    }

    [Fact]
    public async Task WaitToReadAsync_CompletesOnTheFirstPollAfterAFrameArrives()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2031, 2, 3, 4, 5, 6, TimeSpan.Zero));
        var ring = new AudioFrameRing(frameSamples: 2, capacityFrames: 2);
        var wait = ring.WaitToReadAsync(time, TimeSpan.FromMilliseconds(5), CancellationToken.None).AsTask();

        time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.False(wait.IsCompleted);
        Assert.True(ring.TryWrite([1, 2]));
        Eventually.True(() => PollOnce(time, wait), "the waiter completes after the next poll");
        Assert.True(await wait);
    }

    [Fact]
    public async Task WaitToReadAsync_Cancelled_ReturnsFalse()
    {
        var ring = new AudioFrameRing(frameSamples: 2, capacityFrames: 2);
        using var cancellation = new CancellationTokenSource();
        var wait = ring.WaitToReadAsync(TimeProvider.System, TimeSpan.FromSeconds(30), cancellation.Token);
        await cancellation.CancelAsync();
        Assert.False(await wait);
    }

    private static bool PollOnce(FakeTimeProvider time, Task<bool> wait)
    {
        time.Advance(TimeSpan.FromMilliseconds(5));
        return wait.IsCompleted;
    }
}
