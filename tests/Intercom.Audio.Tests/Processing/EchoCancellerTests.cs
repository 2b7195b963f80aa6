using Intercom.Audio.Processing;

namespace Intercom.Audio.Tests.Processing;

public sealed class EchoCancellerTests
{
    private const int RateHz = 16000;
    private const int Frame = RateHz / 100;

    [Fact]
    public void Process_GeneratedEchoScene_CancelsEchoAndKeepsNearEnd()
    {
        var scene = EchoScene.Create(RateHz, TimeSpan.FromSeconds(8), TimeSpan.FromMilliseconds(30), nearStart: TimeSpan.FromSeconds(5));
        short[] output = Run(new EchoCanceller(new EchoCancellerOptions { SampleRateHz = RateHz }), scene.Speaker, scene.Microphone);

        // The output lags the input by one frame (the suppressor's overlap-add).
        double erle = Ratio(scene.Microphone, output, Frame, from: 3.0, to: 5.0);
        var (attenuation, signalToDistortion) = NearEndQuality(scene.Near, output, Frame, from: 5.5, to: 7.9);

        string measured = $"ERLE {erle:F1} dB, near-end attenuation {attenuation:F2} dB, near end to rest {signalToDistortion:F1} dB";
        // Linear cancellation alone gives ~35 dB here; 45 needs the suppressor, which must stay out of the
        // near end's way in double talk: at most 0.5 dB of attenuation, at least 24 dB between it and the rest.
        Assert.True(erle >= 45, $"far-end-only echo return loss enhancement below 45 dB: {measured}");
        Assert.True(attenuation <= 0.5, $"near-end attenuation in double talk above 0.5 dB: {measured}");
        Assert.True(signalToDistortion >= 24, $"near end to (residual echo + distortion) in double talk below 24 dB: {measured}");
    }

    [Fact]
    public void Process_LongBulkDelay_FindsDelayAndCancels()
    {
        var scene = EchoScene.Create(RateHz, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(150), nearStart: TimeSpan.FromSeconds(5), seed: 2);
        var canceller = new EchoCanceller(new EchoCancellerOptions { SampleRateHz = RateHz });
        short[] output = Run(canceller, scene.Speaker, scene.Microphone);

        Assert.NotNull(canceller.EstimatedEchoDelay);
        Assert.InRange(canceller.EstimatedEchoDelay.Value.TotalMilliseconds, 140, 170);
        // The filters sit a little before the echo, so the direct sound is inside the first partitions.
        Assert.InRange(canceller.FilterAlignment.TotalMilliseconds, 100, 150);
        double erle = Ratio(scene.Microphone, output, Frame, from: 3.0, to: 4.9);
        Assert.True(erle >= 40, $"echo return loss enhancement {erle:F1} dB with a 150 ms bulk delay");
    }

    [Fact]
    public void Process_LoudspeakerClock100PartsPerMillionFast_EstimatesAndCompensatesDrift()
    {
        var scene = EchoScene.Create(RateHz, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(30), nearStart: TimeSpan.FromSeconds(10), driftPartsPerMillion: 100, seed: 3);
        var canceller = new EchoCanceller(new EchoCancellerOptions { SampleRateHz = RateHz });
        short[] output = Run(canceller, scene.Speaker, scene.Microphone);

        Assert.InRange(canceller.ClockDriftPartsPerMillion, 85, 115);
        double erle = Ratio(scene.Microphone, output, Frame, from: 7.0, to: 9.9);
        Assert.True(erle >= 40, $"echo return loss enhancement {erle:F1} dB with 100 ppm clock drift");
    }

    [Theory]
    [InlineData(15)]
    [InlineData(35)]
    public void Process_ClockDriftShortDelayThroughDoubleTalk_KeepsCancelling(int bulkDelayMilliseconds)
    {
        // Short echo delays leave the alignment at the first block, where a drift compensation that cannot move
        // the delay both ways loses lock; double talk in the middle must not throw the loop off either.
        var scene = EchoScene.Create(
            RateHz, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(bulkDelayMilliseconds), nearStart: TimeSpan.FromSeconds(8),
            driftPartsPerMillion: 100, seed: 7, nearStop: TimeSpan.FromSeconds(14));
        var canceller = new EchoCanceller(new EchoCancellerOptions { SampleRateHz = RateHz });
        short[] output = Run(canceller, scene.Speaker, scene.Microphone);

        double before = Ratio(scene.Microphone, output, Frame, from: 5.0, to: 8.0);
        double after = Ratio(scene.Microphone, output, Frame, from: 24.0, to: 29.9);
        string measured = $"ERLE {before:F1} dB before the double talk, {after:F1} dB after, drift {canceller.ClockDriftPartsPerMillion:F1} ppm";
        Assert.True(before >= 45, measured);
        Assert.True(after >= 45, measured);
        Assert.InRange(canceller.ClockDriftPartsPerMillion, 90, 110);
    }

    [Fact]
    public void Process_SameClock_ReportsNoDrift()
    {
        var scene = EchoScene.Create(RateHz, TimeSpan.FromSeconds(8), TimeSpan.FromMilliseconds(30), nearStart: TimeSpan.FromSeconds(8), seed: 4);
        var canceller = new EchoCanceller(new EchoCancellerOptions { SampleRateHz = RateHz });
        Run(canceller, scene.Speaker, scene.Microphone);

        // The loop has no dead band: a shared clock must read as (nearly) no drift, well inside what real
        // clock pairs that drift at all show (tens of ppm).
        Assert.InRange(canceller.ClockDriftPartsPerMillion, -2, 2);
    }

    [Fact]
    public void Process_NearEndOnly_PassesThroughOneFrameLate()
    {
        var scene = EchoScene.Create(RateHz, TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(30), nearStart: TimeSpan.Zero, seed: 5);
        var silence = new short[scene.Microphone.Length];
        short[] output = Run(new EchoCanceller(new EchoCancellerOptions { SampleRateHz = RateHz }), silence, scene.Microphone);

        // Cross-correlation of output and microphone peaks at exactly one frame (the overlap-add latency).
        int bestLag = -1;
        double best = double.MinValue;
        for (int lag = 0; lag <= 2 * Frame; lag++)
        {
            double sum = 0;
            for (int n = RateHz; n < 2 * RateHz; n++)
            {
                sum += (double)scene.Microphone[n] * output[n + lag];
            }

            if (sum > best)
            {
                best = sum;
                bestLag = lag;
            }
        }

        Assert.Equal(Frame, bestLag);
        var (attenuation, _) = NearEndQuality(scene.Near, output, Frame, from: 1.0, to: 2.9);
        Assert.True(attenuation <= 0.5, $"near end alone attenuated by {attenuation:F2} dB");
    }

    [Fact]
    public void Process_ThousandsOfFrames_AllocatesNothing()
    {
        var scene = EchoScene.Create(RateHz, TimeSpan.FromSeconds(4), TimeSpan.FromMilliseconds(30), nearStart: TimeSpan.FromSeconds(3), driftPartsPerMillion: 100, seed: 6);
        var canceller = new EchoCanceller(new EchoCancellerOptions { SampleRateHz = RateHz });
        var output = new short[Frame];
        int frames = scene.Microphone.Length / Frame;

        // The first pass compiles everything; then 2000 frames, with delay and drift tracking and double talk.
        for (int f = 0; f < frames; f++)
        {
            canceller.Process(scene.Speaker.AsSpan(f * Frame, Frame), scene.Microphone.AsSpan(f * Frame, Frame), output);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 5; round++)
        {
            for (int f = 0; f < frames; f++)
            {
                canceller.Process(scene.Speaker.AsSpan(f * Frame, Frame), scene.Microphone.AsSpan(f * Frame, Frame), output);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    [InlineData(24000)]
    [InlineData(32000)]
    [InlineData(44100)]
    [InlineData(48000)]
    public void Process_ExtremeInput_StaysFiniteAndInRange(int sampleRateHz)
    {
        var canceller = new EchoCanceller(new EchoCancellerOptions { SampleRateHz = sampleRateHz });
        int frame = canceller.FrameSamples;
        Assert.Equal(sampleRateHz / 100, frame);
        var speaker = new short[frame];
        var microphone = new short[frame];
        var output = new short[frame];
        var random = new Random(sampleRateHz);
        long energy = 0;
        for (int f = 0; f < 300; f++)
        {
            for (int n = 0; n < frame; n++)
            {
                // Full-scale square waves, then digital silence, then random full-scale noise.
                speaker[n] = f < 100 ? (n % 20 < 10 ? short.MaxValue : short.MinValue) : f < 200 ? (short)0 : (short)random.Next(short.MinValue, short.MaxValue);
                microphone[n] = f < 100 ? short.MinValue : f < 200 ? (short)0 : (short)random.Next(short.MinValue, short.MaxValue);
            }

            canceller.Process(speaker, microphone, output);
            if (f >= 110 && f < 200)
            {
                foreach (short sample in output)
                {
                    energy += sample * sample;
                }
            }
        }

        // Digital silence in gives (near) silence out once the tail of the loud part has passed.
        Assert.True(energy < 90 * frame * 100, $"output energy {energy} during silence");
        Assert.Equal(0, canceller.Statistics.Restarts);
    }

    [Fact]
    public void Process_WrongFrameLength_Throws()
    {
        var canceller = new EchoCanceller(new EchoCancellerOptions { SampleRateHz = RateHz });
        Assert.Throws<ArgumentException>(() => canceller.Process(new short[Frame], new short[Frame - 1], new short[Frame]));
    }

    [Theory]
    [InlineData(16001)]
    [InlineData(4000)]
    public void Constructor_UnusableSampleRate_ThrowsNamingTheField(int sampleRateHz)
    {
        var exception = Assert.Throws<ArgumentException>(() => new EchoCanceller(new EchoCancellerOptions { SampleRateHz = sampleRateHz }));
        Assert.Contains(nameof(EchoCancellerOptions.SampleRateHz), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TooShortTail_ThrowsNamingTheField()
    {
        var exception = Assert.Throws<ArgumentException>(() => new EchoCanceller(new EchoCancellerOptions { EchoTailLength = TimeSpan.FromMilliseconds(10) }));
        Assert.Contains(nameof(EchoCancellerOptions.EchoTailLength), exception.Message, StringComparison.Ordinal);
    }

    private static short[] Run(EchoCanceller canceller, short[] speaker, short[] microphone)
    {
        var output = new short[microphone.Length];
        for (int start = 0; start + Frame <= microphone.Length; start += Frame)
        {
            canceller.Process(speaker.AsSpan(start, Frame), microphone.AsSpan(start, Frame), output.AsSpan(start, Frame));
        }

        return output;
    }

    private static double Ratio(short[] reference, short[] output, int lag, double from, double to)
    {
        double input = 0, remaining = 0;
        for (int n = (int)(from * RateHz); n < (int)(to * RateHz); n++)
        {
            input += (double)reference[n] * reference[n];
            remaining += (double)output[n + lag] * output[n + lag];
        }

        return 10 * Math.Log10(input / Math.Max(remaining, 1));
    }

    // Per 20 ms frame where the near end is active: g = ⟨o, s⟩/⟨s, s⟩ (how much of the near end comes through),
    // attenuation = −10·log10(Σ g²·E_s / Σ E_s); and the near end against everything else in the output.
    private static (double AttenuationDb, double SignalToDistortionDb) NearEndQuality(float[] near, short[] output, int lag, double from, double to)
    {
        int block = RateHz / 50;
        double activeLevel = 0;
        int count = 0;
        for (int start = (int)(from * RateHz); start + block <= (int)(to * RateHz); start += block)
        {
            activeLevel += Energy(near, start, block);
            count++;
        }

        activeLevel /= count;
        double weighted = 0, total = 0, signal = 0, distortion = 0;
        for (int start = (int)(from * RateHz); start + block <= (int)(to * RateHz); start += block)
        {
            double energy = Energy(near, start, block);
            if (energy < 0.1 * activeLevel)
            {
                continue;
            }

            double cross = 0;
            for (int n = start; n < start + block; n++)
            {
                double o = output[n + lag] / 32768.0;
                cross += o * near[n];
                double difference = o - near[n];
                distortion += difference * difference;
            }

            double gain = cross / energy;
            weighted += gain * gain * energy;
            total += energy;
            signal += energy;
        }

        return (-10 * Math.Log10(weighted / total), 10 * Math.Log10(signal / distortion));
    }

    private static double Energy(float[] signal, int start, int length)
    {
        double sum = 0;
        for (int n = start; n < start + length; n++)
        {
            sum += signal[n] * signal[n];
        }

        return sum;
    }
}
