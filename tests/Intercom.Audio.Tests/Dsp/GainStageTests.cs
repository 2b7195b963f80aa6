using Intercom.Audio.Dsp;

namespace Intercom.Audio.Tests.Dsp;

public sealed class GainStageTests
{
    [Fact]
    public void Apply_SixDecibels_DoublesAfterTheGlideFrame()
    {
        var stage = new GainStage(0);
        stage.GainDb = 6.0206;
        var glide = new short[160];
        glide.AsSpan().Fill(1000);
        stage.Apply(glide);
        Assert.InRange((int)glide[0], 1000, 1010);
        Assert.Equal(2000, glide[^1]);

        var frame = new short[160];
        frame.AsSpan().Fill(1000);
        stage.Apply(frame);
        Assert.All(frame, sample => Assert.Equal(2000, sample));
    }

    [Fact]
    public void Apply_Overload_Saturates()
    {
        var stage = new GainStage(20);
        var frame = new short[] { 20000, -20000, 100 };
        stage.Apply(frame);
        Assert.Equal([short.MaxValue, short.MinValue, 1000], frame);
    }

    [Fact]
    public void VolumePercent_ZeroMutesAndHundredIsUnity()
    {
        Assert.Equal(0f, Decibels.ToLinear(Decibels.FromVolumePercent(0)));
        Assert.Equal(1f, Decibels.ToLinear(Decibels.FromVolumePercent(100)));
        Assert.Equal(-40, Decibels.FromVolumePercent(1), 6);
        Assert.True(Decibels.FromVolumePercent(50) < Decibels.FromVolumePercent(80));
    }
}
