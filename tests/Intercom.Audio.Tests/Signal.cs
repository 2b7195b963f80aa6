namespace Intercom.Audio.Tests;

/// <summary>Measurements on test signals.</summary>
internal static class Signal
{
    /// <summary>Level of one frequency (Goertzel) as the dBFS of the sine that would produce it.</summary>
    public static double ToneLevelDbfs(ReadOnlySpan<short> samples, int sampleRateHz, double frequencyHz)
    {
        var power = Intercom.Testing.SignalMeasures.GoertzelPower(samples, frequencyHz, sampleRateHz);
        var amplitude = 2 * Math.Sqrt(Math.Max(power, 0)) / samples.Length;
        return amplitude <= 0 ? -200 : 20 * Math.Log10(amplitude / 32768);
    }

    public static double PeakDbfs(ReadOnlySpan<short> samples)
    {
        var peak = 0;
        foreach (var sample in samples)
        {
            peak = Math.Max(peak, Math.Abs((int)sample));
        }

        return peak == 0 ? -200 : 20 * Math.Log10(peak / 32768.0);
    }

    public static short[] Sine(int sampleRateHz, double frequencyHz, double levelDbfs, int count, int offset = 0)
    {
        var amplitude = 32767 * Math.Pow(10, levelDbfs / 20);
        var samples = new short[count];
        for (var i = 0; i < count; i++)
        {
            samples[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequencyHz * (i + offset) / sampleRateHz));
        }

        return samples;
    }
}
