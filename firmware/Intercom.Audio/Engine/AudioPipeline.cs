using Intercom.Audio.Dsp;
using Intercom.Audio.Processing;

namespace Intercom.Audio.Engine;

/// <summary>
/// The per-frame work of the audio thread between the device and the rings (see the diagram on
/// <see cref="AudioEngine"/>). Owns its frame buffers; allocates, locks and logs nothing.
/// </summary>
internal sealed class AudioPipeline
{
    private readonly ICaptureProcessor _processor;
    private readonly AutomaticGainControl _automaticGainControl;
    private readonly Limiter _limiter;
    private readonly ToneGenerator _tones;
    private readonly AudioEngineCounters _counters;
    private readonly short[] _processed;
    private int _toneRequest;
    private int _toneRequestSequence;
    private int _toneSequenceSeen;
    private bool _playbackFlowing;
    private volatile bool _tonePlaying;

    public AudioPipeline(
        AudioStreamFormat format,
        ICaptureProcessor processor,
        AutomaticGainControl automaticGainControl,
        int captureRingFrames,
        int playbackRingFrames,
        double microphoneGainDb,
        double speakerVolumeDb,
        AudioEngineCounters counters)
    {
        if (processor.FrameSamples != format.FrameSamples)
        {
            throw new ArgumentException(
                $"the capture processor takes {processor.FrameSamples}-sample frames, the engine runs {format.FrameSamples}",
                nameof(processor));
        }

        _processor = processor;
        _automaticGainControl = automaticGainControl;
        _limiter = Limiter.ForMicrophone(format.SampleRateHz);
        _tones = new ToneGenerator(format.SampleRateHz);
        _counters = counters;
        _processed = new short[format.FrameSamples];
        MicrophoneGain = new GainStage(microphoneGainDb);
        SpeakerVolume = new GainStage(speakerVolumeDb);
        CaptureRing = new AudioFrameRing(format.FrameSamples, captureRingFrames);
        PlaybackRing = new AudioFrameRing(format.FrameSamples, playbackRingFrames);
    }

    public GainStage MicrophoneGain { get; }

    public GainStage SpeakerVolume { get; }

    /// <summary>The microphone's level after the mic gain, before processing.</summary>
    public LevelMeter MicrophoneLevel { get; } = new();

    /// <summary>The processed microphone's level (what the network side gets).</summary>
    public LevelMeter ProcessedLevel { get; } = new();

    /// <summary>The loudspeaker's level after the volume.</summary>
    public LevelMeter SpeakerLevel { get; } = new();

    /// <summary>Processed microphone frames for the network side (audio thread writes).</summary>
    public AudioFrameRing CaptureRing { get; }

    /// <summary>Far-end frames from the network side (audio thread reads).</summary>
    public AudioFrameRing PlaybackRing { get; }

    public bool IsTonePlaying => _tonePlaying;

    /// <summary>Any thread: asks the audio thread to start a tone (or stop, for null) at its next frame.</summary>
    public void RequestTone(AudioTone? tone)
    {
        Volatile.Write(ref _toneRequest, tone is null ? -1 : (int)tone.Value);
        Interlocked.Increment(ref _toneRequestSequence);
        if (tone is not null)
        {
            _tonePlaying = true;
        }
    }

    /// <summary>Builds the loudspeaker frame: network audio (or silence), plus any tone, times the volume.</summary>
    public void RenderSpeaker(Span<short> speaker)
    {
        var sequence = Volatile.Read(ref _toneRequestSequence);
        if (sequence != _toneSequenceSeen)
        {
            _toneSequenceSeen = sequence;
            var request = Volatile.Read(ref _toneRequest);
            if (request < 0)
            {
                _tones.Stop();
            }
            else
            {
                _tones.Start((AudioTone)request);
            }
        }

        if (PlaybackRing.TryRead(speaker))
        {
            _playbackFlowing = true;
        }
        else
        {
            speaker.Clear();
            if (_playbackFlowing)
            {
                _playbackFlowing = false;
                AudioEngineCounters.Increment(ref _counters.PlaybackRingGaps);
            }
        }

        if (_tones.IsPlaying)
        {
            _tones.MixInto(speaker);
        }

        _tonePlaying = _tones.IsPlaying;
        SpeakerVolume.Apply(speaker);
        SpeakerLevel.Measure(speaker);
    }

    /// <summary>
    /// Processes the microphone frame against the loudspeaker frame of the same period (the far-end reference) and
    /// hands the result to the network side. <paramref name="microphone"/> is changed in place by the mic gain.
    /// </summary>
    public void ProcessMicrophone(Span<short> microphone, ReadOnlySpan<short> speaker)
    {
        MicrophoneGain.Apply(microphone);
        MicrophoneLevel.Measure(microphone);
        _processor.Process(speaker, microphone, _processed);
        _automaticGainControl.Process(_processed);
        _limiter.Process(_processed);
        ProcessedLevel.Measure(_processed);
        if (!CaptureRing.TryWrite(_processed))
        {
            AudioEngineCounters.Increment(ref _counters.CaptureRingOverflows);
        }
    }
}
