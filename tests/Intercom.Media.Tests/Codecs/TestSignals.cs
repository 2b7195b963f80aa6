namespace Intercom.Media.Tests.Codecs;

/// <summary>Deterministic test audio and the measures the codec and transport tests use.</summary>
internal static class TestSignals
{
    /// <summary>A voice-like signal: a 140 Hz harmonic series with moving formant weights and a syllable envelope.</summary>
    public static short[] Voice(int sampleRateHz, int samples, int seed = 1)
    {
        var random = new Random(seed);
        var signal = new short[samples];
        double phase = 0;
        for (int n = 0; n < samples; n++)
        {
            double t = (double)n / sampleRateHz;
            double pitch = 140 + (20 * Math.Sin(2 * Math.PI * 0.7 * t));
            phase += 2 * Math.PI * pitch / sampleRateHz;
            double value = 0;
            for (int harmonic = 1; harmonic <= 20 && harmonic * pitch < sampleRateHz * 0.45; harmonic++)
            {
                double formant = Math.Exp(-Math.Pow((harmonic * pitch - (700 + (400 * Math.Sin(2 * Math.PI * 1.3 * t)))) / 600, 2))
                    + (0.5 * Math.Exp(-Math.Pow((harmonic * pitch - 2200) / 500, 2)));
                value += formant * Math.Sin(harmonic * phase) / harmonic;
            }

            double envelope = 0.55 + (0.45 * Math.Sin(2 * Math.PI * 3 * t));
            signal[n] = (short)Math.Clamp((value * 9000 * envelope) + (random.NextDouble() * 60) - 30, short.MinValue, short.MaxValue);
        }

        return signal;
    }

    /// <summary>A sine tone.</summary>
    public static short[] Tone(int sampleRateHz, int samples, double frequencyHz, double amplitude)
    {
        var signal = new short[samples];
        for (int n = 0; n < samples; n++)
        {
            signal[n] = (short)(amplitude * Math.Sin(2 * Math.PI * frequencyHz * n / sampleRateHz));
        }

        return signal;
    }

    /// <summary>Signal-to-noise ratio of <paramref name="actual"/> against <paramref name="expected"/> in dB.</summary>
    public static double SnrDecibels(ReadOnlySpan<short> expected, ReadOnlySpan<short> actual)
    {
        double signal = 0, noise = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            signal += expected[i] * (double)expected[i];
            double error = expected[i] - actual[i];
            noise += error * error;
        }

        return 10 * Math.Log10(signal / Math.Max(noise, 1));
    }

    /// <summary>The best normalised cross-correlation of two signals over lags 0..<paramref name="maximumLag"/> and that lag.</summary>
    public static (double Correlation, int Lag) BestCorrelation(ReadOnlySpan<short> reference, ReadOnlySpan<short> received, int maximumLag)
    {
        double best = -1;
        int bestLag = 0;
        int length = Math.Min(reference.Length, received.Length - maximumLag);
        for (int lag = 0; lag <= maximumLag; lag++)
        {
            double cross = 0, energyA = 0, energyB = 0;
            for (int i = 0; i < length; i++)
            {
                double a = reference[i];
                double b = received[i + lag];
                cross += a * b;
                energyA += a * a;
                energyB += b * b;
            }

            double correlation = cross / Math.Sqrt((energyA * energyB) + 1);
            if (correlation > best)
            {
                best = correlation;
                bestLag = lag;
            }
        }

        return (best, bestLag);
    }

    /// <summary>RMS of each frame: the loudness envelope, robust to the time shifts a jitter buffer makes.</summary>
    public static double[] Envelope(ReadOnlySpan<short> signal, int frameSamples)
    {
        var envelope = new double[signal.Length / frameSamples];
        for (int frame = 0; frame < envelope.Length; frame++)
        {
            double sum = 0;
            foreach (short sample in signal.Slice(frame * frameSamples, frameSamples))
            {
                sum += sample * (double)sample;
            }

            envelope[frame] = Math.Sqrt(sum / frameSamples);
        }

        return envelope;
    }

    /// <summary>Best Pearson correlation of two envelopes over lags 0..<paramref name="maximumLag"/> frames.</summary>
    public static double EnvelopeCorrelation(double[] reference, double[] received, int maximumLag)
    {
        double best = -1;
        int length = Math.Min(reference.Length, received.Length - maximumLag);
        for (int lag = 0; lag <= maximumLag; lag++)
        {
            double meanA = 0, meanB = 0;
            for (int i = 0; i < length; i++)
            {
                meanA += reference[i];
                meanB += received[i + lag];
            }

            meanA /= length;
            meanB /= length;
            double cross = 0, energyA = 0, energyB = 0;
            for (int i = 0; i < length; i++)
            {
                double a = reference[i] - meanA;
                double b = received[i + lag] - meanB;
                cross += a * b;
                energyA += a * a;
                energyB += b * b;
            }

            best = Math.Max(best, cross / Math.Sqrt((energyA * energyB) + 1e-9));
        }

        return best;
    }
}
