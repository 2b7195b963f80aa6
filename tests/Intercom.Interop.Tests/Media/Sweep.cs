namespace Intercom.Interop.Tests.Media;

/// <summary>
/// The known signal of the audio checks: a linear frequency sweep repeated every <see cref="Period"/>, inside the
/// telephone band so every codec carries it. Its autocorrelation has one sharp peak per period, so the best
/// normalized cross-correlation of what a peer received against it says how faithfully the audio arrived.
/// </summary>
internal sealed class Sweep(double startHz, double endHz, double amplitude = 0.25 * short.MaxValue)
{
    public const double Period = 0.5;

    /// <summary>Us to the peer.</summary>
    public static Sweep Upward { get; } = new(300, 3000);

    /// <summary>The peer to us.</summary>
    public static Sweep Downward { get; } = new(3000, 300);

    public double ValueAt(double seconds)
    {
        double t = seconds % Period;
        if (t < 0)
        {
            t += Period;
        }

        // Phase of a linear chirp: 2 pi (f0 t + (f1 - f0) t^2 / (2 T)).
        return amplitude * Math.Sin(2 * Math.PI * ((startHz * t) + ((endHz - startHz) * t * t / (2 * Period))));
    }

    public short[] Generate(int sampleRateHz, double seconds)
    {
        var samples = new short[(int)(sampleRateHz * seconds)];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)ValueAt((double)i / sampleRateHz);
        }

        return samples;
    }

    /// <summary>
    /// The median over 100 ms windows of <see cref="BestCorrelation"/>: how faithfully the signal arrived, not
    /// counting the few windows where the receiver's jitter buffer dropped or inserted a frame (a 10 ms jump of delay).
    /// </summary>
    public double MedianWindowCorrelation(ReadOnlySpan<short> received, int sampleRateHz, out double worst)
    {
        int window = sampleRateHz / 10;
        var values = new List<double>();
        for (int start = 0; start + window <= received.Length; start += window)
        {
            values.Add(BestCorrelation(received.Slice(start, window), sampleRateHz));
        }

        values.Sort();
        worst = values.Count == 0 ? 0 : values[0];
        return values.Count == 0 ? 0 : values[values.Count / 2];
    }

    /// <summary>
    /// The best normalized cross-correlation (0-1) of <paramref name="received"/> with the sweep over every delay
    /// within one period, refined to a twentieth of a sample (resamplers delay by fractions of a sample).
    /// </summary>
    public double BestCorrelation(ReadOnlySpan<short> received, int sampleRateHz)
    {
        double energy = 0;
        foreach (short sample in received)
        {
            energy += (double)sample * sample;
        }

        if (energy == 0)
        {
            return 0;
        }

        int periodSamples = (int)(Period * sampleRateHz);
        double[] reference = new double[periodSamples];
        for (int i = 0; i < periodSamples; i++)
        {
            reference[i] = ValueAt((double)i / sampleRateHz);
        }

        int bestLag = 0;
        double best = double.MinValue;
        for (int lag = 0; lag < periodSamples; lag++)
        {
            double sum = 0;
            int index = lag;
            for (int n = 0; n < received.Length; n++)
            {
                sum += received[n] * reference[index];
                if (++index == periodSamples)
                {
                    index = 0;
                }
            }

            if (sum > best)
            {
                best = sum;
                bestLag = lag;
            }
        }

        double correlation = 0;
        for (double fraction = -1; fraction <= 1; fraction += 0.05)
        {
            double sum = 0;
            double referenceEnergy = 0;
            for (int n = 0; n < received.Length; n++)
            {
                double value = ValueAt((n + bestLag + fraction) / sampleRateHz);
                sum += received[n] * value;
                referenceEnergy += value * value;
            }

            correlation = Math.Max(correlation, sum / Math.Sqrt(energy * referenceEnergy));
        }

        return correlation;
    }
}
