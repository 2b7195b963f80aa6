namespace Intercom.Audio.Dsp;

/// <summary>
/// A peak limiter with zero latency: the envelope jumps up to every peak at once and decays with the release
/// time, and the gain is threshold / envelope above the threshold, so no output sample exceeds the threshold
/// (no look-ahead buffer, so no added delay on the microphone path).
/// </summary>
public sealed class Limiter
{
    private readonly float _threshold;
    private readonly float _releasePerSample;
    private float _envelope;

    /// <summary>Creates a limiter.</summary>
    /// <param name="sampleRateHz">Engine rate.</param>
    /// <param name="thresholdDbfs">Highest output peak relative to full scale.</param>
    /// <param name="release">Time for the gain reduction to recover by 1/e after a peak.</param>
    public Limiter(int sampleRateHz, double thresholdDbfs, TimeSpan release)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        _threshold = (float)(32767 * Math.Pow(10, thresholdDbfs / 20));
        _releasePerSample = (float)Math.Exp(-1.0 / (release.TotalSeconds * sampleRateHz));
    }

    /// <summary>The default for the microphone path: −1 dBFS, 60 ms release.</summary>
    public static Limiter ForMicrophone(int sampleRateHz) => new(sampleRateHz, -1, TimeSpan.FromMilliseconds(60));

    /// <summary>The current gain reduction in dB (0 when idle), for a level meter.</summary>
    public double GainReductionDb => _envelope > _threshold ? Decibels.FromLinear(_threshold / _envelope) : 0;

    /// <summary>Limits the frame in place.</summary>
    public void Process(Span<short> frame)
    {
        var envelope = _envelope;
        for (var i = 0; i < frame.Length; i++)
        {
            var magnitude = Math.Abs((float)frame[i]);
            envelope = magnitude > envelope ? magnitude : envelope * _releasePerSample;
            if (envelope > _threshold)
            {
                frame[i] = (short)(frame[i] * (_threshold / envelope));
            }
        }

        _envelope = envelope;
    }
}
