using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Intercom.Audio.Processing;

/// <summary>
/// Frequency-domain partitioned block filter (overlap-save, FFT length 2N for blocks of N samples): the echo
/// path is cut into partitions of one block each, partition m is applied to the spectrum of the aligned far
/// end m blocks old (the aligner has already taken out the bulk delay). Holds only the weights and what is
/// common to every update rule; the step size control lives in <see cref="KalmanStepControl"/>.
/// </summary>
internal sealed class PartitionedFilter
{
    private readonly float[] real;
    private readonly float[] imaginary;
    private readonly float[] timeScratch;
    private int nextConstrained;

    public PartitionedFilter(int partitions, int paddedBins, int bins)
    {
        Partitions = partitions;
        PaddedBins = paddedBins;
        Bins = bins;
        real = new float[partitions * paddedBins];
        imaginary = new float[partitions * paddedBins];
        timeScratch = new float[2 * (bins - 1)];
    }

    /// <summary>Number of partitions (blocks of filter length).</summary>
    public int Partitions { get; }

    /// <summary>Bins per partition including SIMD padding.</summary>
    public int PaddedBins { get; }

    /// <summary>Bins per partition without padding (N + 1).</summary>
    public int Bins { get; }

    /// <summary>Real parts of partition <paramref name="partition"/>.</summary>
    public Span<float> Real(int partition) => real.AsSpan(partition * PaddedBins, PaddedBins);

    /// <summary>Imaginary parts of partition <paramref name="partition"/>.</summary>
    public Span<float> Imaginary(int partition) => imaginary.AsSpan(partition * PaddedBins, PaddedBins);

    /// <summary>Echo estimate spectrum Ŷ = Σ_m W_m·X(m).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Filter(FarEndHistory far, Span<float> echoReal, Span<float> echoImaginary)
    {
        echoReal.Clear();
        echoImaginary.Clear();
        for (int m = 0; m < Partitions; m++)
        {
            SpectrumMath.MultiplyAccumulate(
                Real(m), Imaginary(m), far.Real(m), far.Imaginary(m), echoReal, echoImaginary);
        }
    }

    /// <summary>
    /// Gradient constraint for the next partition in turn: back to the time domain, the second half (taps
    /// that would wrap around in the circular convolution) set to zero, forward again. One partition per call
    /// keeps the cost at two FFTs per block, as in alternately unconstrained MDF.
    /// </summary>
    public void ConstrainNext(RealFft fft)
    {
        int m = nextConstrained;
        nextConstrained = nextConstrained + 1 == Partitions ? 0 : nextConstrained + 1;
        Constrain(fft, m);
    }

    /// <summary>Applies the gradient constraint to one partition.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Constrain(RealFft fft, int partition)
    {
        Span<float> wr = Real(partition);
        Span<float> wi = Imaginary(partition);
        fft.Inverse(wr[..Bins], wi[..Bins], timeScratch);
        timeScratch.AsSpan(timeScratch.Length / 2).Clear();
        fft.Forward(timeScratch, wr[..Bins], wi[..Bins]);
    }

    /// <summary>Share (0 … 1) of the filter's energy held by the first <paramref name="count"/> partitions.</summary>
    public float EnergyShareOfFirst(int count)
    {
        float first = 0, total = 0;
        for (int m = 0; m < Partitions; m++)
        {
            float energy = SpectrumMath.SumOfSquares(Real(m)) + SpectrumMath.SumOfSquares(Imaginary(m));
            total += energy;
            if (m < count)
            {
                first += energy;
            }
        }

        return total > 0 ? first / total : 0;
    }

    /// <summary>
    /// Moves the partitions when the bulk delay grows by <paramref name="blocks"/> (negative: shrinks):
    /// partition m takes the old partition m + blocks, partitions shifted in are zero.
    /// </summary>
    public void Shift(int blocks)
    {
        ShiftPartitions(real, blocks, PaddedBins, Partitions);
        ShiftPartitions(imaginary, blocks, PaddedBins, Partitions);
    }

    /// <summary>Copies the weights of another filter of the same shape.</summary>
    public void CopyFrom(PartitionedFilter other)
    {
        other.real.AsSpan().CopyTo(real);
        other.imaginary.AsSpan().CopyTo(imaginary);
    }

    /// <summary>Sets all weights to zero.</summary>
    public void Reset()
    {
        Array.Clear(real);
        Array.Clear(imaginary);
    }

    /// <summary>Shifts a partition-major array by whole partitions, filling with zeros.</summary>
    internal static void ShiftPartitions(float[] array, int blocks, int paddedBins, int partitions)
    {
        if (blocks == 0)
        {
            return;
        }

        int moved = Math.Max(0, partitions - Math.Abs(blocks)) * paddedBins;
        int offset = Math.Min(Math.Abs(blocks), partitions) * paddedBins;
        if (blocks > 0)
        {
            Array.Copy(array, offset, array, 0, moved);
            Array.Clear(array, moved, array.Length - moved);
        }
        else
        {
            Array.Copy(array, 0, array, offset, moved);
            Array.Clear(array, 0, offset);
        }
    }
}
