using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Intercom.Audio.Processing;

/// <summary>
/// Step-size control of the main filter after the diagonalised frequency-domain Kalman filter (Enzner &amp;
/// Vary 2006; partitioned form: Kuech, Mabande &amp; Enzner 2014). Each partition m and bin k carries the
/// expected squared misalignment P_m,k; the step is the Kalman gain P_m,k / (Σ_m P_m,k·|X_m,k|² + Φ_k), where
/// Φ_k, the near-end and noise power, comes from the observed error. Double talk raises the error and so
/// lowers the step without any detector; P shrinks as the filter converges and grows back through the process
/// noise (A² &lt; 1), which is what lets the filter follow a slowly moving path (clock drift).
/// </summary>
internal sealed class KalmanStepControl
{
    private readonly float[] misalignment;
    private readonly float[] priorPerPartition;
    private readonly float[] predicted;
    private readonly float[] gainScale;
    private readonly EchoCancellerTuning tuning;

    public KalmanStepControl(int partitions, int paddedBins, EchoCancellerTuning tuning)
    {
        Partitions = partitions;
        PaddedBins = paddedBins;
        this.tuning = tuning;
        misalignment = new float[partitions * paddedBins];
        priorPerPartition = new float[partitions];
        predicted = new float[paddedBins];
        gainScale = new float[paddedBins];
        // Prior: flat over the first partitions (where the direct path sits after delay alignment),
        // then decaying like a reverberation tail; summing to an echo path as loud as the far end.
        float total = 0;
        for (int m = 0; m < partitions; m++)
        {
            int beyond = Math.Max(0, m - tuning.PriorFlatPartitions);
            priorPerPartition[m] = MathF.Pow(tuning.PriorDecayPerPartition, beyond);
            total += priorPerPartition[m];
        }

        for (int m = 0; m < partitions; m++)
        {
            priorPerPartition[m] *= tuning.PriorEchoPathGain / total;
        }

        Reset();
    }

    public int Partitions { get; }

    public int PaddedBins { get; }

    /// <summary>Σ_m P_m,k·|X_m,k|² of the last update: the expected power of the residual linear echo per bin.</summary>
    public ReadOnlySpan<float> PredictedResidualPower => predicted;

    /// <summary>Sets the misalignment back to the prior (filter unknown).</summary>
    public void Reset()
    {
        for (int m = 0; m < Partitions; m++)
        {
            misalignment.AsSpan(m * PaddedBins, PaddedBins).Fill(priorPerPartition[m]);
        }
    }

    /// <summary>Raises the misalignment to at least <paramref name="fraction"/> of the prior (after the weights were replaced).</summary>
    public void RaiseTo(float fraction)
    {
        for (int m = 0; m < Partitions; m++)
        {
            float floor = fraction * priorPerPartition[m];
            Span<float> p = misalignment.AsSpan(m * PaddedBins, PaddedBins);
            for (int k = 0; k < p.Length; k++)
            {
                p[k] = MathF.Max(p[k], floor);
            }
        }
    }

    /// <summary>Follows a filter shift: partitions move, new ones start from the prior.</summary>
    public void Shift(int blocks)
    {
        PartitionedFilter.ShiftPartitions(misalignment, blocks, PaddedBins, Partitions);
        int fresh = Math.Min(Math.Abs(blocks), Partitions);
        int first = blocks > 0 ? Partitions - fresh : 0;
        for (int m = first; m < first + fresh; m++)
        {
            misalignment.AsSpan(m * PaddedBins, PaddedBins).Fill(priorPerPartition[m]);
        }
    }

    /// <summary>
    /// One Kalman update of <paramref name="filter"/> with the error spectrum of the current block
    /// (FFT of N zeros followed by the N error samples).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Update(
        PartitionedFilter filter, FarEndHistory far,
        ReadOnlySpan<float> errorReal, ReadOnlySpan<float> errorImaginary, ReadOnlySpan<float> errorPower)
    {
        // Predicted residual echo R_k = Σ_m P_m,k·|X_m,k|².
        var r = MemoryMarshal.Cast<float, Vector<float>>(predicted.AsSpan());
        r.Clear();
        for (int m = 0; m < Partitions; m++)
        {
            var p = MemoryMarshal.Cast<float, Vector<float>>(misalignment.AsSpan(m * PaddedBins, PaddedBins));
            var x2 = MemoryMarshal.Cast<float, Vector<float>>(far.Power(m));
            for (int v = 0; v < r.Length; v++)
            {
                r[v] += p[v] * x2[v];
            }
        }

        // Innovation power R_k + Φ_k, observed as the error power: the error block is half the window,
        // hence the factor ErrorPowerWeight (≈ 2). Never below R_k, which bounds the gain: μ·|X|² ≤ 1.
        var e2 = MemoryMarshal.Cast<float, Vector<float>>(errorPower);
        var g = MemoryMarshal.Cast<float, Vector<float>>(gainScale.AsSpan());
        var weight = new Vector<float>(tuning.ErrorPowerWeight);
        var regularisation = new Vector<float>(tuning.KalmanRegularisation);
        for (int v = 0; v < g.Length; v++)
        {
            g[v] = Vector<float>.One / (Vector.Max(weight * e2[v], r[v]) + regularisation);
        }

        var er = MemoryMarshal.Cast<float, Vector<float>>(errorReal);
        var ei = MemoryMarshal.Cast<float, Vector<float>>(errorImaginary);
        var step = new Vector<float>(tuning.KalmanStepScale);
        var observed = new Vector<float>(tuning.ObservedFraction);
        var transition = new Vector<float>(tuning.TransitionSquared);
        var processNoise = new Vector<float>(1f - tuning.TransitionSquared);
        for (int m = 0; m < Partitions; m++)
        {
            var p = MemoryMarshal.Cast<float, Vector<float>>(misalignment.AsSpan(m * PaddedBins, PaddedBins));
            var x2 = MemoryMarshal.Cast<float, Vector<float>>(far.Power(m));
            var xr = MemoryMarshal.Cast<float, Vector<float>>(far.Real(m));
            var xi = MemoryMarshal.Cast<float, Vector<float>>(far.Imaginary(m));
            var wr = MemoryMarshal.Cast<float, Vector<float>>(filter.Real(m));
            var wi = MemoryMarshal.Cast<float, Vector<float>>(filter.Imaginary(m));
            var floor = new Vector<float>(tuning.ProcessNoiseFloor * priorPerPartition[m]);
            for (int v = 0; v < wr.Length; v++)
            {
                var gain = p[v] * g[v];
                var mu = step * gain;
                wr[v] += mu * ((xr[v] * er[v]) + (xi[v] * ei[v]));
                wi[v] += mu * ((xr[v] * ei[v]) - (xi[v] * er[v]));
                var weightPower = (wr[v] * wr[v]) + (wi[v] * wi[v]);
                p[v] = (transition * p[v] * (Vector<float>.One - (observed * gain * x2[v]))) + (processNoise * weightPower) + floor;
            }
        }
    }
}
