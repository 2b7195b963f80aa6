namespace Intercom.Audio.Processing;

/// <summary>
/// Measures how fast the echo path moves in time (clock drift between loudspeaker and microphone). The
/// first partitions of the adapted filter, where the direct sound sits, are compared with a snapshot taken
/// a fixed number of blocks earlier: a pure shift by δ samples turns every bin by −ω·δ, so δ is the
/// weighted least-squares slope of the cross-spectrum phase over frequency (bins below 3 kHz, where the phase
/// cannot wrap for drifts up to some hundred ppm).
/// </summary>
internal sealed class DriftEstimator
{
    private readonly int partitions;
    private readonly int paddedBins;
    private readonly int frame;
    private readonly int firstBin;
    private readonly int lastBin;
    private readonly float[] snapshotReal;
    private readonly float[] snapshotImaginary;
    private readonly EchoCancellerTuning tuning;
    private int blocksSinceSnapshot = -1;
    private int usableBlocks;
    private double movementSum;
    private double durationSum;
    private int measurements;
    private double compensationAtSnapshot;

    public DriftEstimator(int filterPartitions, int frame, int paddedBins, EchoCancellerTuning tuning)
    {
        this.tuning = tuning;
        this.frame = frame;
        this.paddedBins = paddedBins;
        partitions = Math.Min(filterPartitions, tuning.DriftPartitions);
        // Bins are 50 Hz wide at every rate (FFT over 20 ms).
        firstBin = 4;
        lastBin = Math.Min(frame, tuning.DriftLastBin);
        snapshotReal = new float[partitions * paddedBins];
        snapshotImaginary = new float[partitions * paddedBins];
    }

    /// <summary>
    /// Forgets the snapshot (after the filter was shifted or replaced, its phase cannot be compared with the
    /// old one); the drift measured so far stays, the clocks did not change.
    /// </summary>
    public void Invalidate() => blocksSinceSnapshot = -1;

    /// <summary>Forgets everything measured.</summary>
    public void Reset()
    {
        blocksSinceSnapshot = -1;
        movementSum = 0;
        durationSum = 0;
        measurements = 0;
    }

    /// <summary>
    /// Called once per block with the adapting filter and the aligner's current delay. Each interval's
    /// movement of the echo path is the compensation applied plus the shift the filter still shows; the drift
    /// is their sum over the last few seconds (exponentially forgotten) divided by the time: clock drift is
    /// steady and adds up, filter wobble goes back and forth and cancels.
    /// Returns the drift in samples per block once enough intervals were measured, otherwise null.
    /// </summary>
    public double? Update(PartitionedFilter filter, bool usable, double compensationSamples)
    {
        if (blocksSinceSnapshot < 0)
        {
            if (usable)
            {
                TakeSnapshot(filter, compensationSamples);
            }

            return null;
        }

        blocksSinceSnapshot++;
        if (usable)
        {
            usableBlocks++;
        }

        if (blocksSinceSnapshot < tuning.DriftIntervalBlocks)
        {
            return null;
        }

        double? residualShift = null;
        if (usableBlocks >= tuning.DriftIntervalBlocks / 2 && usable)
        {
            residualShift = MeasureShift(filter);
        }

        double? result = null;
        if (residualShift is double shift)
        {
            // Movement of the echo path in this interval: compensation applied plus what the filter still shows.
            double forgetting = tuning.DriftForgetting;
            movementSum = (forgetting * movementSum) + shift + (compensationSamples - compensationAtSnapshot);
            durationSum = (forgetting * durationSum) + blocksSinceSnapshot;
            measurements++;
            result = measurements >= tuning.DriftMinimumMeasurements && durationSum > 0 ? movementSum / durationSum : null;
        }

        if (usable)
        {
            TakeSnapshot(filter, compensationSamples);
        }
        else
        {
            blocksSinceSnapshot = -1;
        }

        return result;
    }

    private void TakeSnapshot(PartitionedFilter filter, double compensationSamples)
    {
        compensationAtSnapshot = compensationSamples;
        for (int m = 0; m < partitions; m++)
        {
            filter.Real(m).CopyTo(snapshotReal.AsSpan(m * paddedBins, paddedBins));
            filter.Imaginary(m).CopyTo(snapshotImaginary.AsSpan(m * paddedBins, paddedBins));
        }

        blocksSinceSnapshot = 0;
        usableBlocks = 0;
    }

    // δ = −Σ w·ω·φ / Σ w·ω², φ_k = arg Σ_m W_m,k·conj(S_m,k), w_k = |Σ_m W_m,k·conj(S_m,k)|. Only when the
    // filter kept its shape (Σ|C_k| close to √(Σ|W|²·Σ|S|²), which a pure shift does not change): while it
    // still converges or after the path changed, phase differences are not drift.
    private double? MeasureShift(PartitionedFilter filter)
    {
        int count = lastBin - firstBin + 1;
        Span<double> phases = stackalloc double[count];
        Span<double> weights = stackalloc double[count];
        double numerator = 0, denominator = 0;
        double magnitude = 0, filterEnergy = 0, snapshotEnergy = 0;
        for (int k = firstBin; k <= lastBin; k++)
        {
            double real = 0, imaginary = 0;
            double wk = 0, sk = 0;
            for (int m = 0; m < partitions; m++)
            {
                double wr = filter.Real(m)[k], wi = filter.Imaginary(m)[k];
                double sr = snapshotReal[(m * paddedBins) + k], si = snapshotImaginary[(m * paddedBins) + k];
                real += (wr * sr) + (wi * si);
                imaginary += (wi * sr) - (wr * si);
                wk += (wr * wr) + (wi * wi);
                sk += (sr * sr) + (si * si);
            }

            double weight = Math.Sqrt((real * real) + (imaginary * imaginary));
            magnitude += weight;
            filterEnergy += wk;
            snapshotEnergy += sk;
            double omega = Math.PI * k / frame;
            double phase = Math.Atan2(imaginary, real);
            phases[k - firstBin] = phase;
            weights[k - firstBin] = weight;
            numerator += weight * omega * phase;
            denominator += weight * omega * omega;
        }

        double similarity = magnitude / Math.Sqrt((filterEnergy * snapshotEnergy) + 1e-30);
        if (denominator <= 0 || similarity < tuning.DriftMinimumSimilarity)
        {
            return null;
        }

        // A shift turns the phase linearly with frequency; adaptation noise turns it at random. Reject fits
        // whose weighted phase residual is large.
        double shift = -numerator / denominator;
        double residual = 0;
        for (int k = firstBin; k <= lastBin; k++)
        {
            double deviation = phases[k - firstBin] + (Math.PI * k / frame * shift);
            residual += weights[k - firstBin] * deviation * deviation;
        }

        double rootMeanSquare = Math.Sqrt(residual / magnitude);
        return rootMeanSquare <= tuning.DriftMaximumPhaseResidual ? shift : null;
    }
}
