using Intercom.Media.Codecs;

namespace Intercom.Media.Tests.Codecs;

public sealed class ResamplerTests
{
    [Theory]
    [InlineData(48000, 16000, 1000)]
    [InlineData(16000, 48000, 1000)]
    [InlineData(48000, 8000, 700)]
    [InlineData(8000, 48000, 700)]
    [InlineData(16000, 8000, 1500)]
    [InlineData(8000, 16000, 1500)]
    public void Process_ToneIn10MsFrames_KeepsToneAndLength(int inputRate, int outputRate, double frequencyHz)
    {
        var resampler = new Resampler(inputRate, outputRate);
        short[] input = TestSignals.Tone(inputRate, inputRate / 2, frequencyHz, 10000);
        var output = new short[outputRate / 2];
        int inputFrame = inputRate / 100;
        int written = 0;
        for (int offset = 0; offset < input.Length; offset += inputFrame)
        {
            int count = resampler.Process(input.AsSpan(offset, inputFrame), output.AsSpan(written));
            Assert.Equal(outputRate / 100, count);
            written += count;
        }

        short[] expected = TestSignals.Tone(outputRate, output.Length, frequencyHz, 10000);
        (double correlation, _) = TestSignals.BestCorrelation(expected.AsSpan(0, output.Length - (outputRate / 50)), output, outputRate / 50);
        Assert.True(correlation > 0.99, $"correlation {correlation:F4}");
    }

    [Fact]
    public void Process_48To8Khz_RemovesToneAboveNyquist()
    {
        var resampler = new Resampler(48000, 8000);
        short[] input = TestSignals.Tone(48000, 48000, 6000, 16000);
        var output = new short[8000];
        for (int offset = 0; offset < input.Length; offset += 480)
        {
            resampler.Process(input.AsSpan(offset, 480), output.AsSpan(offset / 6, 80));
        }

        double energy = 0;
        for (int i = 800; i < output.Length; i++)
        {
            energy += output[i] * (double)output[i];
        }

        double rms = Math.Sqrt(energy / (output.Length - 800));
        Assert.True(rms < 16000 * 0.707 / 1000, $"alias rms {rms:F1} should be 60 dB down");
    }
}
