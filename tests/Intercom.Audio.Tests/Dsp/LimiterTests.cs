using Intercom.Audio.Dsp;

namespace Intercom.Audio.Tests.Dsp;

public sealed class LimiterTests
{
    [Fact]
    public void Process_FullScaleSquareAndSine_NoSampleAboveTheThreshold()
    {
        var limiter = Limiter.ForMicrophone(16000);
        var threshold = 32767 * Math.Pow(10, -1 / 20.0);
        var sine = Signal.Sine(16000, 700, 0, 16000);
        for (var i = 0; i < sine.Length; i += 3000)
        {
            sine[i] = short.MinValue;
        }

        for (var offset = 0; offset < sine.Length; offset += 160)
        {
            limiter.Process(sine.AsSpan(offset, 160));
        }

        Assert.All(sine, sample => Assert.True(Math.Abs((int)sample) <= threshold + 1, $"sample {sample}"));
        Assert.True(Signal.PeakDbfs(sine) > -1.5, "loud stays loud");
    }

    [Fact]
    public void Process_QuietSpeechLevel_PassesUnchanged()
    {
        var limiter = Limiter.ForMicrophone(16000);
        var input = Signal.Sine(16000, 440, -12, 1600);
        var output = (short[])input.Clone();
        for (var offset = 0; offset < output.Length; offset += 160)
        {
            limiter.Process(output.AsSpan(offset, 160));
        }

        Assert.Equal(input, output);
        Assert.Equal(0, limiter.GainReductionDb);
    }

    [Fact]
    public void Process_AfterAPeak_GainRecoversWithinTheReleaseTime()
    {
        var limiter = Limiter.ForMicrophone(16000);
        var loud = Signal.Sine(16000, 500, 0, 160);
        limiter.Process(loud);
        Assert.True(limiter.GainReductionDb < -0.5);

        var quiet = new short[160];
        for (var frame = 0; frame < 100; frame++)
        {
            limiter.Process(quiet);
        }

        Assert.Equal(0, limiter.GainReductionDb);
    }
}
