using System.Runtime.InteropServices;
using Intercom.Audio.Alsa;
using Intercom.Audio.Dsp;
using Intercom.Audio.Engine;
using Intercom.Audio.Processing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Intercom.Audio.Tests.Engine;

/// <summary>
/// STYLE.md habit 7: the audio frame allocates nothing. The whole path runs on this thread for thousands of
/// frames: ALSA capture (alsa-lib's file plugin reading a tone) → mic gain → capture processor (pass-through, and
/// the echo canceller) → AGC → limiter →
/// capture ring → the network side's encoder input, and network frames → playback ring → tone → volume → ALSA
/// playback (null plugin).
/// </summary>
public sealed class AllocationTests : IDisposable
{
    private const int RateHz = 48000;
    private const int FrameSamples = 480;
    private const int WarmUpFrames = 300;
    private const int MeasuredFrames = 5000;
    private readonly TemporaryDirectory _directory = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RunFrame_CaptureToEncoderInputAndNetworkToPlayback_AllocatesNothing(bool withEchoCanceller)
    {
        var tone = Signal.Sine(RateHz, 440, -30, FrameSamples * (WarmUpFrames + MeasuredFrames + 10));
        File.WriteAllBytes(_directory.File("microphone.raw"), MemoryMarshal.AsBytes(tone.AsSpan()).ToArray());
        using var configuration = AlsaConfiguration.TryParse($$"""
            pcm.microphone {
                type file
                slave.pcm { type null }
                file "/dev/null"
                infile "{{_directory.File("microphone.raw")}}"
                format "raw"
            }
            pcm.speaker { type null }
            """, out var error) ?? throw new InvalidOperationException(error);

        // Paced "by hardware" here so RunFrame does not wait on the clock: this thread drives every frame.
        var device = new AlsaAudioDevice("microphone", "speaker", configuration, isPacedByHardware: true);
        var options = new AudioOptions { SampleRateHz = RateHz, RealtimePriority = 0, MicrophoneGainDb = 6 };
        ICaptureProcessor? processor = withEchoCanceller ? new EchoCanceller(new EchoCancellerOptions { SampleRateHz = RateHz }) : null;
        using var engine = new AudioEngine(options, device, processor, TimeProvider.System, NullLogger<AudioEngine>.Instance);
        Assert.True(engine.TryOpenDevice(), engine.GetStatistics().LastDeviceFailure);

        var encoderInput = new short[FrameSamples];
        var decoderOutput = Signal.Sine(RateHz, 1000, -20, FrameSamples);
        engine.PlayTone(AudioTone.Ringback);
        RunFrames(engine, WarmUpFrames, encoderInput, decoderOutput);

        var before = GC.GetAllocatedBytesForCurrentThread();
        RunFrames(engine, MeasuredFrames, encoderInput, decoderOutput);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var statistics = engine.GetStatistics();
        Assert.Equal(WarmUpFrames + MeasuredFrames, statistics.FramesProcessed);
        Assert.Equal(0, statistics.ShortReads);
        Assert.Equal(0, statistics.CaptureRingOverflows);
        Assert.True(Signal.ToneLevelDbfs(encoderInput, RateHz, 440) > -30, "the microphone tone reached the encoder input");
        Assert.Equal(0, allocated);
    }

    public void Dispose() => _directory.Dispose();

    private static void RunFrames(AudioEngine engine, int frames, short[] encoderInput, short[] decoderOutput)
    {
        for (var frame = 0; frame < frames; frame++)
        {
            _ = engine.PlaybackRing.TryWrite(decoderOutput);
            engine.RunFrame();
            Assert.True(engine.CaptureRing.TryRead(encoderInput));
        }
    }
}
