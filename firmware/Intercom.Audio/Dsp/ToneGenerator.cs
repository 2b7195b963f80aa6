namespace Intercom.Audio.Dsp;

/// <summary>
/// Synthesises the <see cref="AudioTone"/> cadences sample by sample and mixes them into loudspeaker frames.
/// All cadences are laid out in samples when constructed; <see cref="Start"/>, <see cref="Stop"/> and
/// <see cref="MixInto"/> allocate nothing and run on the audio thread.
/// </summary>
public sealed class ToneGenerator
{
    // 5 ms raised-cosine ramps at both ends of every sounding segment: a hard edge clicks in the loudspeaker.
    private static readonly TimeSpan s_ramp = TimeSpan.FromMilliseconds(5);

    private readonly int _sampleRateHz;
    private readonly int _rampSamples;
    private readonly PreparedCadence[] _cadences;
    private PreparedCadence? _current;
    private int _segmentIndex;
    private int _segmentPosition;
    private double _firstPhase;
    private double _secondPhase;

    /// <summary>Prepares every cadence for <paramref name="sampleRateHz"/>.</summary>
    public ToneGenerator(int sampleRateHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        _sampleRateHz = sampleRateHz;
        _rampSamples = (int)(s_ramp.TotalSeconds * sampleRateHz);
        var tones = Enum.GetValues<AudioTone>();
        _cadences = new PreparedCadence[tones.Length];
        foreach (var tone in tones)
        {
            _cadences[(int)tone] = new PreparedCadence(ToneCadence.For(tone), sampleRateHz);
        }
    }

    /// <summary>True while a tone sounds or pauses within its cadence.</summary>
    public bool IsPlaying => _current is not null;

    /// <summary>The tone now playing; meaningful while <see cref="IsPlaying"/>.</summary>
    public AudioTone Tone { get; private set; }

    /// <summary>Starts <paramref name="tone"/> from its beginning, replacing any tone playing.</summary>
    public void Start(AudioTone tone)
    {
        _current = _cadences[(int)tone];
        Tone = tone;
        _segmentIndex = 0;
        _segmentPosition = 0;
        _firstPhase = 0;
        _secondPhase = 0;
    }

    /// <summary>Stops at once.</summary>
    public void Stop() => _current = null;

    /// <summary>Adds the tone's next samples to <paramref name="frame"/>, saturating at full scale.</summary>
    public void MixInto(Span<short> frame)
    {
        for (var i = 0; i < frame.Length && _current is not null; i++)
        {
            var cadence = _current;
            var length = cadence.SegmentSamples[_segmentIndex];
            var segment = cadence.Segments[_segmentIndex];
            if (!segment.IsSilent)
            {
                var envelope = Envelope(_segmentPosition, length);
                var value = 0.0;
                if (segment.FirstFrequencyHz > 0)
                {
                    value += Math.Sin(_firstPhase);
                    _firstPhase = Advance(_firstPhase, segment.FirstFrequencyHz);
                }

                if (segment.SecondFrequencyHz > 0)
                {
                    value += Math.Sin(_secondPhase);
                    _secondPhase = Advance(_secondPhase, segment.SecondFrequencyHz);
                }

                var scaled = frame[i] + (value * cadence.AmplitudePerSine * envelope);
                frame[i] = (short)Math.Clamp(scaled, short.MinValue, short.MaxValue);
            }

            if (++_segmentPosition >= length)
            {
                NextSegment(cadence);
            }
        }
    }

    private void NextSegment(PreparedCadence cadence)
    {
        _segmentPosition = 0;
        _firstPhase = 0;
        _secondPhase = 0;
        if (++_segmentIndex < cadence.Segments.Length)
        {
            return;
        }

        _segmentIndex = 0;
        if (!cadence.Repeats)
        {
            _current = null;
        }
    }

    private double Envelope(int position, int length)
    {
        var edge = Math.Min(position, length - 1 - position);
        if (edge >= _rampSamples)
        {
            return 1.0;
        }

        return 0.5 - (0.5 * Math.Cos(Math.PI * edge / _rampSamples));
    }

    private double Advance(double phase, double frequencyHz)
    {
        phase += 2 * Math.PI * frequencyHz / _sampleRateHz;
        return phase >= 2 * Math.PI ? phase - (2 * Math.PI) : phase;
    }

    private sealed class PreparedCadence
    {
        public PreparedCadence(ToneCadence cadence, int sampleRateHz)
        {
            Segments = [.. cadence.Segments];
            SegmentSamples = new int[Segments.Length];
            var maximumSines = 1;
            for (var i = 0; i < Segments.Length; i++)
            {
                SegmentSamples[i] = Math.Max(1, (int)Math.Round(Segments[i].Duration.TotalSeconds * sampleRateHz));
                if (Segments[i].FirstFrequencyHz > 0 && Segments[i].SecondFrequencyHz > 0)
                {
                    maximumSines = 2;
                }
            }

            Repeats = cadence.Repeats;
            AmplitudePerSine = short.MaxValue * Math.Pow(10, cadence.LevelDbfs / 20) / maximumSines;
        }

        public ToneSegment[] Segments { get; }

        public int[] SegmentSamples { get; }

        public bool Repeats { get; }

        public double AmplitudePerSine { get; }
    }
}
