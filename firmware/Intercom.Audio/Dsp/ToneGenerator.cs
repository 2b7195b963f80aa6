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

    private readonly int _rampSamples;
    private readonly PreparedCadence[] _cadences;
    private PreparedCadence? _current;
    private int _segmentIndex;
    private int _segmentPosition;
    // Each sine is a unit phasor turned by a fixed angle per sample (two multiplies instead of a Math.Sin call);
    // it is renormalised once per frame so rounding never lets its amplitude drift.
    private Phasor _first;
    private Phasor _second;

    /// <summary>Prepares every cadence for <paramref name="sampleRateHz"/>.</summary>
    public ToneGenerator(int sampleRateHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
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
        ResetPhasors();
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
                    value += _first.Sine;
                    _first.Turn(cadence.FirstSteps[_segmentIndex]);
                }

                if (segment.SecondFrequencyHz > 0)
                {
                    value += _second.Sine;
                    _second.Turn(cadence.SecondSteps[_segmentIndex]);
                }

                var scaled = frame[i] + (value * cadence.AmplitudePerSine * envelope);
                frame[i] = (short)Math.Clamp(scaled, short.MinValue, short.MaxValue);
            }

            if (++_segmentPosition >= length)
            {
                NextSegment(cadence);
            }
        }

        _first.Normalise();
        _second.Normalise();
    }

    private void NextSegment(PreparedCadence cadence)
    {
        _segmentPosition = 0;
        ResetPhasors();
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

    private void ResetPhasors()
    {
        _first = Phasor.Zero;
        _second = Phasor.Zero;
    }

    /// <summary>cos + i·sin of the phase; <see cref="Turn"/> multiplies by the per-sample step.</summary>
    private struct Phasor
    {
        public static readonly Phasor Zero = new() { Cosine = 1, Sine = 0 };

        public double Cosine;
        public double Sine;

        public static Phasor Step(double frequencyHz, int sampleRateHz)
        {
            var angle = 2 * Math.PI * frequencyHz / sampleRateHz;
            return new Phasor { Cosine = Math.Cos(angle), Sine = Math.Sin(angle) };
        }

        public void Turn(in Phasor step)
        {
            var cosine = (Cosine * step.Cosine) - (Sine * step.Sine);
            Sine = (Sine * step.Cosine) + (Cosine * step.Sine);
            Cosine = cosine;
        }

        public void Normalise()
        {
            var scale = 1 / Math.Sqrt((Cosine * Cosine) + (Sine * Sine));
            Cosine *= scale;
            Sine *= scale;
        }
    }

    private sealed class PreparedCadence
    {
        public PreparedCadence(ToneCadence cadence, int sampleRateHz)
        {
            Segments = [.. cadence.Segments];
            SegmentSamples = new int[Segments.Length];
            FirstSteps = new Phasor[Segments.Length];
            SecondSteps = new Phasor[Segments.Length];
            var maximumSines = 1;
            for (var i = 0; i < Segments.Length; i++)
            {
                SegmentSamples[i] = Math.Max(1, (int)Math.Round(Segments[i].Duration.TotalSeconds * sampleRateHz));
                FirstSteps[i] = Phasor.Step(Segments[i].FirstFrequencyHz, sampleRateHz);
                SecondSteps[i] = Phasor.Step(Segments[i].SecondFrequencyHz, sampleRateHz);
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

        public Phasor[] FirstSteps { get; }

        public Phasor[] SecondSteps { get; }

        public bool Repeats { get; }

        public double AmplitudePerSine { get; }
    }
}
