using BenchmarkDotNet.Attributes;
using Intercom.Audio.Dsp;
using Intercom.Audio.Engine;

namespace Intercom.Benchmarks.Audio;

/// <summary>
/// The audio thread's per-frame work without the device: loudspeaker frame (playback ring, tone, volume) and
/// microphone frame (mic gain, pass-through capture processor, AGC, limiter, capture ring) plus the network side
/// taking the frame. Anchor: the two ring hand-offs alone, the least any frame path does.
/// Run: dotnet run -c Release --project tests/Intercom.Benchmarks -- --filter '*AudioPipeline*' --job short
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AudioPipelineBenchmarks
{
    private AudioPipeline _pipeline = null!;
    private AudioFrameRing _anchorRing = null!;
    private short[] _microphone = null!;
    private short[] _speaker = null!;
    private short[] _farEnd = null!;
    private short[] _encoderInput = null!;
    private short[] _source = null!;

    [Params(16000, 48000)]
    public int SampleRateHz { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var format = AudioStreamFormat.TenMilliseconds(SampleRateHz, bufferPeriods: 3);
        var frameSamples = format.FrameSamples;
        _pipeline = new AudioPipeline(
            format,
            new PassThroughCaptureProcessor(frameSamples),
            AutomaticGainControl.ForDoorStation(format.FrameDuration),
            captureRingFrames: 16,
            playbackRingFrames: 16,
            microphoneGainDb: 6,
            speakerVolumeDb: -3,
            new AudioEngineCounters());
        _anchorRing = new AudioFrameRing(frameSamples, 16);
        _microphone = new short[frameSamples];
        _speaker = new short[frameSamples];
        _encoderInput = new short[frameSamples];
        _source = new short[frameSamples];
        _farEnd = new short[frameSamples];
        for (var i = 0; i < frameSamples; i++)
        {
            _source[i] = (short)(3000 * Math.Sin(2 * Math.PI * 440 * i / SampleRateHz));
            _farEnd[i] = (short)(5000 * Math.Sin(2 * Math.PI * 300 * i / SampleRateHz));
        }

        _pipeline.RequestTone(AudioTone.Ringback);
    }

    [Benchmark(Baseline = true)]
    public short RingHandOffsOnly()
    {
        _ = _anchorRing.TryWrite(_farEnd);
        _ = _anchorRing.TryRead(_speaker);
        _ = _anchorRing.TryWrite(_source);
        _ = _anchorRing.TryRead(_encoderInput);
        return _encoderInput[0];
    }

    [Benchmark]
    public short FullFrame()
    {
        _ = _pipeline.PlaybackRing.TryWrite(_farEnd);
        _source.CopyTo(_microphone, 0);
        _pipeline.RenderSpeaker(_speaker);
        _pipeline.ProcessMicrophone(_microphone, _speaker);
        _ = _pipeline.CaptureRing.TryRead(_encoderInput);
        return _encoderInput[0];
    }
}
