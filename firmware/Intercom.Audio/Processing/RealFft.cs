using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Intercom.Audio.Processing;

/// <summary>
/// FFT of a real signal of even length N through one complex FFT of length N/2: the even samples go into
/// the real part, the odd samples into the imaginary part, and one post-processing pass splits the two
/// spectra. The spectrum is the N/2 + 1 bins 0 … Nyquist in split real/imaginary arrays.
/// </summary>
internal sealed class RealFft
{
    private readonly ComplexFft complex;
    private readonly float[] packedReal;
    private readonly float[] packedImaginary;
    private readonly float[] rotationReal;
    private readonly float[] rotationImaginary;

    /// <summary>Creates the plan for one even transform length.</summary>
    public RealFft(int length)
    {
        if (length < 2 || length % 2 != 0)
        {
            throw new ArgumentException("Real FFT length must be even.", nameof(length));
        }

        Length = length;
        int half = length / 2;
        complex = new ComplexFft(half);
        packedReal = new float[half];
        packedImaginary = new float[half];
        rotationReal = new float[half + 1];
        rotationImaginary = new float[half + 1];
        for (int k = 0; k <= half; k++)
        {
            double angle = -2.0 * Math.PI * k / length;
            rotationReal[k] = (float)Math.Cos(angle);
            rotationImaginary[k] = (float)Math.Sin(angle);
        }
    }

    /// <summary>Transform length N (real samples).</summary>
    public int Length { get; }

    /// <summary>Number of spectrum bins, N/2 + 1.</summary>
    public int Bins => (Length / 2) + 1;

    /// <summary>Forward transform, unscaled: <paramref name="input"/> holds N samples, the outputs at least N/2 + 1 bins.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(ReadOnlySpan<float> input, Span<float> real, Span<float> imaginary)
    {
        int half = Length / 2;
        if (input.Length != Length || real.Length < half + 1 || imaginary.Length < half + 1)
        {
            throw new ArgumentException($"Real FFT length {Length} expected.", nameof(input));
        }

        ref float source = ref MemoryMarshal.GetReference(input);
        ref float packedR = ref MemoryMarshal.GetArrayDataReference(packedReal);
        ref float packedI = ref MemoryMarshal.GetArrayDataReference(packedImaginary);
        for (int j = 0; j < half; j++)
        {
            Unsafe.Add(ref packedR, j) = Unsafe.Add(ref source, 2 * j);
            Unsafe.Add(ref packedI, j) = Unsafe.Add(ref source, (2 * j) + 1);
        }

        complex.Forward(packedReal, packedImaginary);

        // Z = FFT(even + i·odd): E[k] = (Z[k] + Z*[h−k])/2, O[k] = (Z[k] − Z*[h−k])/(2i), X[k] = E[k] + W^k·O[k].
        float z0r = packedReal[0], z0i = packedImaginary[0];
        real[0] = z0r + z0i;
        imaginary[0] = 0f;
        real[half] = z0r - z0i;
        imaginary[half] = 0f;
        ref float outR = ref MemoryMarshal.GetReference(real);
        ref float outI = ref MemoryMarshal.GetReference(imaginary);
        ref float rotR = ref MemoryMarshal.GetArrayDataReference(rotationReal);
        ref float rotI = ref MemoryMarshal.GetArrayDataReference(rotationImaginary);
        for (int k = 1; k < half; k++)
        {
            float zr = Unsafe.Add(ref packedR, k), zi = Unsafe.Add(ref packedI, k);
            float cr = Unsafe.Add(ref packedR, half - k), ci = -Unsafe.Add(ref packedI, half - k);
            float er = 0.5f * (zr + cr), ei = 0.5f * (zi + ci);
            // (Z − Z*)/(2i) = (dr + i·di)/(2i) = (di − i·dr)/2
            float dr = zr - cr, di = zi - ci;
            float oddr = 0.5f * di, oddi = -0.5f * dr;
            float wr = Unsafe.Add(ref rotR, k), wi = Unsafe.Add(ref rotI, k);
            Unsafe.Add(ref outR, k) = er + ((wr * oddr) - (wi * oddi));
            Unsafe.Add(ref outI, k) = ei + ((wr * oddi) + (wi * oddr));
        }
    }

    /// <summary>Inverse transform, scaled by 1/N, from N/2 + 1 bins to N real samples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Inverse(ReadOnlySpan<float> real, ReadOnlySpan<float> imaginary, Span<float> output)
    {
        int half = Length / 2;
        if (output.Length != Length || real.Length < half + 1 || imaginary.Length < half + 1)
        {
            throw new ArgumentException($"Real FFT length {Length} expected.", nameof(output));
        }

        // E[k] = (X[k] + X*[h−k])/2, O[k] = (X[k] − X*[h−k])·W^(−k)/2, Z[k] = E[k] + i·O[k].
        ref float inR = ref MemoryMarshal.GetReference(real);
        ref float inI = ref MemoryMarshal.GetReference(imaginary);
        ref float packedR = ref MemoryMarshal.GetArrayDataReference(packedReal);
        ref float packedI = ref MemoryMarshal.GetArrayDataReference(packedImaginary);
        ref float rotR = ref MemoryMarshal.GetArrayDataReference(rotationReal);
        ref float rotI = ref MemoryMarshal.GetArrayDataReference(rotationImaginary);
        for (int k = 0; k < half; k++)
        {
            float xr = Unsafe.Add(ref inR, k), xi = Unsafe.Add(ref inI, k);
            float cr = Unsafe.Add(ref inR, half - k), ci = -Unsafe.Add(ref inI, half - k);
            float er = 0.5f * (xr + cr), ei = 0.5f * (xi + ci);
            float dr = 0.5f * (xr - cr), di = 0.5f * (xi - ci);
            float wr = Unsafe.Add(ref rotR, k), wi = -Unsafe.Add(ref rotI, k);
            float oddr = (dr * wr) - (di * wi), oddi = (dr * wi) + (di * wr);
            Unsafe.Add(ref packedR, k) = er - oddi;
            Unsafe.Add(ref packedI, k) = ei + oddr;
        }

        complex.Inverse(packedReal, packedImaginary);
        ref float destination = ref MemoryMarshal.GetReference(output);
        for (int j = 0; j < half; j++)
        {
            Unsafe.Add(ref destination, 2 * j) = Unsafe.Add(ref packedR, j);
            Unsafe.Add(ref destination, (2 * j) + 1) = Unsafe.Add(ref packedI, j);
        }
    }
}
