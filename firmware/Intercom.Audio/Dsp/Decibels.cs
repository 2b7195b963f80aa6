namespace Intercom.Audio.Dsp;

/// <summary>Conversions between decibels, linear gain and percent volume.</summary>
public static class Decibels
{
    /// <summary>Below this a gain counts as muted.</summary>
    public const double MuteDb = -96;

    /// <summary>Range of the speaker volume control: 1 % is this many dB below 100 %.</summary>
    public const double SpeakerVolumeRangeDb = 40;

    /// <summary>Linear amplitude factor for a gain in dB; 0 at or below <see cref="MuteDb"/>.</summary>
    public static float ToLinear(double gainDb) => gainDb <= MuteDb ? 0f : (float)Math.Pow(10, gainDb / 20);

    /// <summary>Gain in dB for a linear factor; <see cref="MuteDb"/> for 0.</summary>
    public static double FromLinear(double linear) => linear <= 0 ? MuteDb : Math.Max(MuteDb, 20 * Math.Log10(linear));

    /// <summary>
    /// Maps a volume in percent to dB the way ears hear it: 100 % is 0 dB, each step is an equal number of
    /// decibels down to <see cref="SpeakerVolumeRangeDb"/> below at 1 %, and 0 % mutes.
    /// </summary>
    public static double FromVolumePercent(int percent) =>
        percent <= 0 ? MuteDb : -SpeakerVolumeRangeDb * (100 - Math.Min(percent, 100)) / 99.0;

    /// <summary>RMS level of a frame relative to full scale; <see cref="MuteDb"/> for digital silence.</summary>
    public static double RmsLevelDbfs(ReadOnlySpan<short> frame)
    {
        if (frame.IsEmpty)
        {
            return MuteDb;
        }

        double sum = 0;
        foreach (var sample in frame)
        {
            sum += (double)sample * sample;
        }

        return FromLinear(Math.Sqrt(sum / frame.Length) / 32768.0);
    }
}
