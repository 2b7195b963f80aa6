using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Intercom.Audio.Processing;

/// <summary>
/// Vectorised loops over spectra stored as split real/imaginary arrays whose length is a whole number of
/// <see cref="Vector{T}"/> lanes (the bins are padded with zeros up to it).
/// </summary>
internal static class SpectrumMath
{
    /// <summary>Bins rounded up to a whole number of SIMD vectors.</summary>
    public static int PaddedLength(int bins) => (bins + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;

    /// <summary>power = re² + im².</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Power(ReadOnlySpan<float> real, ReadOnlySpan<float> imaginary, Span<float> power)
    {
        var r = MemoryMarshal.Cast<float, Vector<float>>(real);
        var i = MemoryMarshal.Cast<float, Vector<float>>(imaginary);
        var p = MemoryMarshal.Cast<float, Vector<float>>(power);
        for (int v = 0; v < p.Length; v++)
        {
            p[v] = (r[v] * r[v]) + (i[v] * i[v]);
        }
    }

    /// <summary>(accReal + i·accImag) += (aReal + i·aImag)·(bReal + i·bImag).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAccumulate(
        ReadOnlySpan<float> aReal, ReadOnlySpan<float> aImaginary,
        ReadOnlySpan<float> bReal, ReadOnlySpan<float> bImaginary,
        Span<float> accumulatorReal, Span<float> accumulatorImaginary)
    {
        var ar = MemoryMarshal.Cast<float, Vector<float>>(aReal);
        var ai = MemoryMarshal.Cast<float, Vector<float>>(aImaginary);
        var br = MemoryMarshal.Cast<float, Vector<float>>(bReal);
        var bi = MemoryMarshal.Cast<float, Vector<float>>(bImaginary);
        var cr = MemoryMarshal.Cast<float, Vector<float>>(accumulatorReal);
        var ci = MemoryMarshal.Cast<float, Vector<float>>(accumulatorImaginary);
        for (int v = 0; v < cr.Length; v++)
        {
            cr[v] += (ar[v] * br[v]) - (ai[v] * bi[v]);
            ci[v] += (ar[v] * bi[v]) + (ai[v] * br[v]);
        }
    }

    /// <summary>Sum of the elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Sum(ReadOnlySpan<float> values)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var sum = Vector<float>.Zero;
        for (int v = 0; v < vectors.Length; v++)
        {
            sum += vectors[v];
        }

        float total = Vector.Sum(sum);
        for (int i = vectors.Length * Vector<float>.Count; i < values.Length; i++)
        {
            total += values[i];
        }

        return total;
    }

    /// <summary>Sum of squares of the elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float SumOfSquares(ReadOnlySpan<float> values)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var sum = Vector<float>.Zero;
        for (int v = 0; v < vectors.Length; v++)
        {
            sum += vectors[v] * vectors[v];
        }

        float total = Vector.Sum(sum);
        for (int i = vectors.Length * Vector<float>.Count; i < values.Length; i++)
        {
            total += values[i] * values[i];
        }

        return total;
    }
}
