using Intercom.Media.Dtmf;
using Intercom.Station.Calls;

namespace Intercom.Station.Tests.Calls;

public sealed class DtmfToneGeneratorTests
{
    [Theory]
    [InlineData(16000)]
    [InlineData(48000)]
    public void TryFill_EveryKey_TheMediaDetectorHearsTheSameKeysInOrder(int sampleRateHz)
    {
        const string keys = "123A456B789C*0#D";
        var generator = new DtmfToneGenerator(sampleRateHz);
        foreach (char key in keys)
        {
            Assert.True(generator.Enqueue(key, TimeSpan.FromMilliseconds(80)));
        }

        var detector = new InBandDtmfDetector(sampleRateHz);
        short[] frame = new short[sampleRateHz / 100];
        char[] found = new char[4];
        var heard = new List<char>();
        int frames = 0;
        while (generator.TryFill(frame))
        {
            frames++;
            int count = detector.Process(frame, found);
            heard.AddRange(found.AsSpan(0, count).ToArray());
        }

        Assert.Equal(keys, string.Concat(heard));
        Assert.Equal(keys.Length * (80 + 60) / 10, frames);
        Assert.False(generator.IsActive);
    }

    [Fact]
    public void Enqueue_NotADigitOrQueueFull_Refused()
    {
        var generator = new DtmfToneGenerator(16000);

        Assert.False(generator.Enqueue('x', TimeSpan.FromMilliseconds(100)));
        for (int i = 0; i < 32; i++)
        {
            Assert.True(generator.Enqueue('1', TimeSpan.FromMilliseconds(100)));
        }

        Assert.False(generator.Enqueue('1', TimeSpan.FromMilliseconds(100)));
        Assert.True(generator.IsActive);
    }
}
