namespace Intercom.Audio.Dsp;

/// <summary>A tone as a list of segments, played once or repeated until stopped.</summary>
public sealed class ToneCadence
{
    /// <summary>Creates a cadence.</summary>
    public ToneCadence(IReadOnlyList<ToneSegment> segments, bool repeats, double levelDbfs)
    {
        ArgumentNullException.ThrowIfNull(segments);
        Segments = segments;
        Repeats = repeats;
        LevelDbfs = levelDbfs;
    }

    /// <summary>The steps in order.</summary>
    public IReadOnlyList<ToneSegment> Segments { get; }

    /// <summary>True when the cadence starts over after its last step.</summary>
    public bool Repeats { get; }

    /// <summary>Peak level of the tone (both sines together) relative to full scale.</summary>
    public double LevelDbfs { get; }

    /// <summary>The door station's cadence for <paramref name="tone"/>.</summary>
    public static ToneCadence For(AudioTone tone) => tone switch
    {
        // ITU-T E.180 §2.2: ringing tone 400–450 Hz; 425 Hz with 1 s on / 4 s off is the European cadence.
        AudioTone.Ringback => new ToneCadence(
            [ToneSegment.Sine(425, TimeSpan.FromSeconds(1)), ToneSegment.Silence(TimeSpan.FromSeconds(4))],
            repeats: true,
            levelDbfs: -12),

        // Our own: two rising notes (G5, C6) read as "yes, come in" and differ from every network tone.
        AudioTone.DoorOpened => new ToneCadence(
            [
                ToneSegment.Sine(784, TimeSpan.FromMilliseconds(180)),
                ToneSegment.Sine(1047, TimeSpan.FromMilliseconds(420)),
            ],
            repeats: false,
            levelDbfs: -9),

        // ITU-T E.180 §7: special information tone, 950/1400/1800 Hz rising, 330 ms each.
        AudioTone.NobodyAnswered => new ToneCadence(
            [
                ToneSegment.Sine(950, TimeSpan.FromMilliseconds(330)),
                ToneSegment.Sine(1400, TimeSpan.FromMilliseconds(330)),
                ToneSegment.Sine(1800, TimeSpan.FromMilliseconds(330)),
                ToneSegment.Silence(TimeSpan.FromSeconds(1)),
            ],
            repeats: false,
            levelDbfs: -12),

        AudioTone.Warning => new ToneCadence(
            [
                ToneSegment.Sine(1400, TimeSpan.FromMilliseconds(200)),
                ToneSegment.Silence(TimeSpan.FromMilliseconds(200)),
                ToneSegment.Sine(1400, TimeSpan.FromMilliseconds(200)),
                ToneSegment.Silence(TimeSpan.FromMilliseconds(200)),
                ToneSegment.Sine(1400, TimeSpan.FromMilliseconds(200)),
            ],
            repeats: false,
            levelDbfs: -9),

        _ => throw new ArgumentOutOfRangeException(nameof(tone), tone, "unknown tone"),
    };
}
