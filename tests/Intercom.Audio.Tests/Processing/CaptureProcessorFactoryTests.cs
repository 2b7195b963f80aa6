using Intercom.Audio.Processing;

namespace Intercom.Audio.Tests.Processing;

public sealed class CaptureProcessorFactoryTests
{
    [Fact]
    public void Create_DefaultOptions_GivesEchoCancellerAtTheEngineRate()
    {
        var processor = CaptureProcessorFactory.Create(new AudioOptions { SampleRateHz = 48000 });

        var canceller = Assert.IsType<EchoCanceller>(processor);
        Assert.Equal(480, canceller.FrameSamples);
    }

    [Fact]
    public void Create_EchoCancellationOff_GivesPassThrough()
    {
        Assert.Null(CaptureProcessorFactory.Create(new AudioOptions { EchoCancellationEnabled = false }));
    }
}
