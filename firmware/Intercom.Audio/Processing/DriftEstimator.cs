namespace Intercom.Audio.Processing;

/// <summary>
/// Measures how fast the echo path moves in time (clock drift between loudspeaker and microphone). The
/// first partitions of the adapted filter, where the direct sound sits, are compared with a snapshot taken
/// a fixed number of blocks earlier: a pure shift by δ samples turns every bin by −ω·δ, so δ is the
/// weighted least-squares slope of the cross-spectrum phase over frequency (bins below 2 kHz, where the phase
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

    public DriftEstimator(int filterPartitions, int frame, int paddedBins, EchoCancellerTuning tuning)
    {
        this.tuning = tuning;
        this.frame = frame;
        this.paddedBins = paddedBins;
        partitions = Math.Min(filterPartitions, tuning.DriftPartitions);
        // Bins are 50 Hz wide at every rate (FFT over 20 ms).
        firstBin = 4;
        lastBin = Math.Min(frame, 40);
        snapshotReal = new float[partitions * paddedBins];
        snapshotImaginary = new float[partitions * paddedBins];
    }

    /// <summary>Forgets the snapshot (after the filter was shifted, replaced or restarted).</summary>
    public void Invalidate() => blocksSinceSnapshot = -1;

    /// <summary>
    /// Called once per block with the adapting filter. Returns the measured shift of the echo path in samples
    /// per block when a measurement completed, otherwise null.
    /// </summary>
    public double? Update(PartitionedFilter filter, bool usable)
    {
        if (blocksSinceSnapshot < 0)
        {
            if (usable)
            {
                TakeSnapshot(filter);
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

        double? result = null;
        if (usableBlocks >= tuning.DriftIntervalBlocks / 2 && usable)
        {
            result = MeasureShift(filter) / blocksSinceSnapshot;
        }

        if (usable)
        {
            TakeSnapshot(filter);
        }
        else
        {
            blocksSinceSnapshot = -1;
        }

        return result;
    }

    private void TakeSnapshot(PartitionedFilter filter)
    {
        for (int m = 0; m < partitions; m++)
        {
            filter.Real(m).CopyTo(snapshotReal.AsSpan(m * paddedBins, paddedBins));
            filter.Imaginary(m).CopyTo(snapshotImaginary.AsSpan(m * paddedBins, paddedBins));
        }

        blocksSinceSnapshot = 0;
        usableBlocks = 0;
    }

    // δ = −Σ w·ω·φ / Σ w·ω², φ_k = arg Σ_m W_m,k·conj(S_m,k), w_k = |Σ_m W_m,k·conj(S_m,k)|.
    private double MeasureShift(PartitionedFilter filter)
    {
        double numerator = 0, denominator = 0;
        for (int k = firstBin; k <= lastBin; k++)
        {
            double real = 0, imaginary = 0;
            for (int m = 0; m < partitions; m++)
            {
                double wr = filter.Real(m)[k], wi = filter.Imaginary(m)[k];
                double sr = snapshotReal[(m * paddedBins) + k], si = snapshotImaginary[(m * paddedBins) + k];
                real += (wr * sr) + (wi * si);
                imaginary += (wi * sr) - (wr * si);
            }

            double weight = Math.Sqrt((real * real) + (imaginary * imaginary));
            double omega = Math.PI * k / frame;
            double phase = Math.Atan2(imaginary, real);
            numerator += weight * omega * phase;
            denominator += weight * omega * omega;
        }

        return denominator > 0 ? -numerator / denominator : 0;
    }
}
