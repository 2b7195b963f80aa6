using Intercom.Audio.Processing;

namespace Intercom.Audio.Tests.Processing;

public sealed class RealFftTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(64)]
    [InlineData(160)]
    [InlineData(320)]
    [InlineData(480)]
    [InlineData(882)]
    [InlineData(960)]
    public void Forward_RandomSignal_MatchesDirectDft(int length)
    {
        var random = new Random(length);
        var input = new float[length];
        for (int i = 0; i < length; i++)
        {
            input[i] = (float)((random.NextDouble() * 2) - 1);
        }

        var fft = new RealFft(length);
        var real = new float[fft.Bins];
        var imaginary = new float[fft.Bins];
        fft.Forward(input, real, imaginary);

        double worst = 0;
        for (int k = 0; k < fft.Bins; k++)
        {
            double sumReal = 0, sumImaginary = 0;
            for (int n = 0; n < length; n++)
            {
                double angle = -2 * Math.PI * k * n / length;
                sumReal += input[n] * Math.Cos(angle);
                sumImaginary += input[n] * Math.Sin(angle);
            }

            worst = Math.Max(worst, Math.Abs(sumReal - real[k]) + Math.Abs(sumImaginary - imaginary[k]));
        }

        Assert.True(worst < 1e-4 * length, $"largest bin error {worst}");
    }

    [Theory]
    [InlineData(160)]
    [InlineData(320)]
    [InlineData(960)]
    [InlineData(882)]
    public void Inverse_AfterForward_ReturnsInput(int length)
    {
        var random = new Random(length + 1);
        var input = new float[length];
        for (int i = 0; i < length; i++)
        {
            input[i] = (float)((random.NextDouble() * 2) - 1);
        }

        var fft = new RealFft(length);
        var real = new float[fft.Bins];
        var imaginary = new float[fft.Bins];
        var output = new float[length];
        fft.Forward(input, real, imaginary);
        fft.Inverse(real, imaginary, output);

        for (int i = 0; i < length; i++)
        {
            Assert.Equal(input[i], output[i], 1e-4f);
        }
    }

    [Fact]
    public void Constructor_OddLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => new RealFft(161));
    }
}
