namespace Intercom.Audio.Dsp;

/// <summary>
/// The RMS level of the last frame in dBFS (full-scale sine = −3 dBFS), written by the audio thread and read by any
/// thread for the web page's level meters and the loopback test. No allocation, no lock.
/// </summary>
public sealed class LevelMeter
{
    /// <summary>The level reported for digital silence.</summary>
    public const double SilenceDbfs = -120;

    private int _levelBits = BitConverter.SingleToInt32Bits((float)SilenceDbfs);

    /// <summary>The last measured level in dBFS; any thread.</summary>
    public double LevelDbfs => BitConverter.Int32BitsToSingle(Volatile.Read(ref _levelBits));

    /// <summary>Measures <paramref name="frame"/>; audio thread.</summary>
    public void Measure(ReadOnlySpan<short> frame)
    {
        if (frame.IsEmpty)
        {
            return;
        }

        double sumOfSquares = 0;
        foreach (var sample in frame)
        {
            sumOfSquares += (double)sample * sample;
        }

        var meanSquare = sumOfSquares / frame.Length / (32768.0 * 32768.0);
        var level = meanSquare <= 1e-12 ? SilenceDbfs : Math.Max(SilenceDbfs, 10 * Math.Log10(meanSquare));
        Volatile.Write(ref _levelBits, BitConverter.SingleToInt32Bits((float)level));
    }
}
