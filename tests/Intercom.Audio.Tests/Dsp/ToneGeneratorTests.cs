using Intercom.Audio.Dsp;

namespace Intercom.Audio.Tests.Dsp;

public sealed class ToneGeneratorTests
{
    private const int RateHz = 16000;

    [Fact]
    public void Ringback_Is425HertzForOneSecondThenSilentForFourThenRepeats()
    {
        var generator = new ToneGenerator(RateHz);
        generator.Start(AudioTone.Ringback);
        var samples = Render(generator, TimeSpan.FromSeconds(6));

        var on = Window(samples, 0.1, 0.9);
        var off = Window(samples, 1.1, 4.9);
        var again = Window(samples, 5.1, 5.9);
        Assert.InRange(Signal.ToneLevelDbfs(on, RateHz, 425), -13, -11);
        Assert.True(Signal.PeakDbfs(off) < -90, "silent between rings");
        Assert.InRange(Signal.ToneLevelDbfs(again, RateHz, 425), -13, -11);
        Assert.True(generator.IsPlaying);
    }

    [Fact]
    public void DoorOpened_PlaysTwoRisingNotesOnceThenStops()
    {
        var generator = new ToneGenerator(RateHz);
        generator.Start(AudioTone.DoorOpened);
        var samples = Render(generator, TimeSpan.FromMilliseconds(700));

        var first = Window(samples, 0.02, 0.16);
        var second = Window(samples, 0.2, 0.58);
        Assert.True(Signal.ToneLevelDbfs(first, RateHz, 784) > Signal.ToneLevelDbfs(first, RateHz, 1047) + 20);
        Assert.True(Signal.ToneLevelDbfs(second, RateHz, 1047) > Signal.ToneLevelDbfs(second, RateHz, 784) + 20);
        Assert.False(generator.IsPlaying);
        Assert.True(Signal.PeakDbfs(Window(samples, 0.61, 0.69)) < -90);
    }

    [Fact]
    public void NobodyAnswered_PlaysTheThreeRisingInformationTones()
    {
        var generator = new ToneGenerator(RateHz);
        generator.Start(AudioTone.NobodyAnswered);
        var samples = Render(generator, TimeSpan.FromSeconds(2.1));

        Assert.InRange(Signal.ToneLevelDbfs(Window(samples, 0.03, 0.3), RateHz, 950), -13, -11);
        Assert.InRange(Signal.ToneLevelDbfs(Window(samples, 0.36, 0.63), RateHz, 1400), -13, -11);
        Assert.InRange(Signal.ToneLevelDbfs(Window(samples, 0.69, 0.96), RateHz, 1800), -13, -11);
        Assert.False(generator.IsPlaying);
    }

    [Fact]
    public void MixInto_OverLoudAudio_SaturatesInsteadOfWrapping()
    {
        var generator = new ToneGenerator(RateHz);
        generator.Start(AudioTone.Warning);
        var frame = new short[160];
        frame.AsSpan().Fill(32000);
        generator.MixInto(frame);
        generator.MixInto(frame);
        Assert.All(frame, sample => Assert.True(sample > 0));
    }

    [Fact]
    public void Segments_StartAndEndWithoutAClick()
    {
        var generator = new ToneGenerator(RateHz);
        generator.Start(AudioTone.Warning);
        var samples = Render(generator, TimeSpan.FromMilliseconds(1000));

        // The 5 ms ramps keep the first and last samples of each beep near zero.
        Assert.True(Math.Abs((int)samples[0]) < 50);
        Assert.True(Math.Abs((int)samples[(int)(0.2 * RateHz) - 1]) < 200);
        var largestStep = 0;
        for (var i = 1; i < samples.Length; i++)
        {
            largestStep = Math.Max(largestStep, Math.Abs(samples[i] - samples[i - 1]));
        }

        // A 1400 Hz sine at −9 dBFS moves at most 2π·1400/16000·11600 ≈ 6400 per sample.
        Assert.True(largestStep < 6500, $"largest step {largestStep}");
    }

    [Fact]
    public void Stop_SilencesAtOnce()
    {
        var generator = new ToneGenerator(RateHz);
        generator.Start(AudioTone.Ringback);
        _ = Render(generator, TimeSpan.FromMilliseconds(100));
        generator.Stop();
        Assert.False(generator.IsPlaying);
        Assert.True(Signal.PeakDbfs(Render(generator, TimeSpan.FromMilliseconds(100))) < -90);
    }

    private static short[] Render(ToneGenerator generator, TimeSpan duration)
    {
        var samples = new short[(int)(duration.TotalSeconds * RateHz)];
        for (var offset = 0; offset < samples.Length; offset += 160)
        {
            generator.MixInto(samples.AsSpan(offset, Math.Min(160, samples.Length - offset)));
        }

        return samples;
    }

    private static ReadOnlySpan<short> Window(short[] samples, double fromSeconds, double toSeconds) =>
        samples.AsSpan((int)(fromSeconds * RateHz), (int)((toSeconds - fromSeconds) * RateHz));
}
