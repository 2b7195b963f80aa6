using System.Runtime.CompilerServices;

namespace Intercom.Audio.Processing;

/// <summary>
/// Ring of far-end block spectra: one entry per 10 ms block, the FFT of the last two blocks of the aligned
/// loudspeaker signal (overlap-save input) together with its power spectrum. Lag 0 is the newest block; the
/// adaptive filters read partition m at lag m. When the alignment jumps, the ring is rebuilt.
/// </summary>
internal sealed class FarEndHistory
{
    private readonly float[] real;
    private readonly float[] imaginary;
    private readonly float[] power;
    private int newest;

    public FarEndHistory(int capacityBlocks, int paddedBins)
    {
        CapacityBlocks = capacityBlocks;
        PaddedBins = paddedBins;
        real = new float[capacityBlocks * paddedBins];
        imaginary = new float[capacityBlocks * paddedBins];
        power = new float[capacityBlocks * paddedBins];
    }

    /// <summary>Number of blocks kept.</summary>
    public int CapacityBlocks { get; }

    /// <summary>Bins per block, padded to a whole number of SIMD vectors.</summary>
    public int PaddedBins { get; }

    /// <summary>Stores the newest block spectrum (padding bins must be zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Push(ReadOnlySpan<float> blockReal, ReadOnlySpan<float> blockImaginary)
    {
        newest = newest + 1 == CapacityBlocks ? 0 : newest + 1;
        int offset = newest * PaddedBins;
        blockReal[..PaddedBins].CopyTo(real.AsSpan(offset, PaddedBins));
        blockImaginary[..PaddedBins].CopyTo(imaginary.AsSpan(offset, PaddedBins));
        SpectrumMath.Power(blockReal[..PaddedBins], blockImaginary[..PaddedBins], power.AsSpan(offset, PaddedBins));
    }

    /// <summary>Real parts of the block <paramref name="lagBlocks"/> blocks ago.</summary>
    public ReadOnlySpan<float> Real(int lagBlocks) => real.AsSpan(Offset(lagBlocks), PaddedBins);

    /// <summary>Imaginary parts of the block <paramref name="lagBlocks"/> blocks ago.</summary>
    public ReadOnlySpan<float> Imaginary(int lagBlocks) => imaginary.AsSpan(Offset(lagBlocks), PaddedBins);

    /// <summary>Power spectrum |X|² of the block <paramref name="lagBlocks"/> blocks ago.</summary>
    public ReadOnlySpan<float> Power(int lagBlocks) => power.AsSpan(Offset(lagBlocks), PaddedBins);

    /// <summary>Forgets all blocks.</summary>
    public void Clear()
    {
        Array.Clear(real);
        Array.Clear(imaginary);
        Array.Clear(power);
    }

    private int Offset(int lagBlocks)
    {
        int index = newest - lagBlocks;
        if (index < 0)
        {
            index += CapacityBlocks;
        }

        return index * PaddedBins;
    }
}
