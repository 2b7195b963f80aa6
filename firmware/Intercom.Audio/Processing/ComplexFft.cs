using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Intercom.Audio.Processing;

/// <summary>
/// Mixed-radix complex FFT (Stockham autosort, decimation in frequency) for the block lengths 10 ms frames
/// need at the usual rates: 80 = 2⁴·5, 160 = 2⁵·5, 240 = 2⁴·3·5, 480 = 2⁵·3·5, 441 = 3²·7². Radix 4 and 2 are
/// written out, any odd radix goes through a small generic kernel. Split real/imaginary arrays, in place,
/// forward unscaled, inverse scaled by 1/N. Everything is allocated in the constructor.
/// </summary>
internal sealed class ComplexFft
{
    private readonly int[] radices;
    private readonly float[][] twiddleReal;
    private readonly float[][] twiddleImaginary;
    private readonly float[] scratchReal;
    private readonly float[] scratchImaginary;
    private readonly float[][] kernelCos;
    private readonly float[][] kernelSin;
    private readonly float[] oddSumReal;
    private readonly float[] oddSumImaginary;

    /// <summary>Creates the plan for one transform length.</summary>
    public ComplexFft(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        Length = length;
        radices = Factor(length);
        twiddleReal = new float[radices.Length][];
        twiddleImaginary = new float[radices.Length][];
        kernelCos = new float[radices.Length][];
        kernelSin = new float[radices.Length][];
        int subLength = length;
        int largestOddRadix = 1;
        for (int stage = 0; stage < radices.Length; stage++)
        {
            int radix = radices[stage];
            int m = subLength / radix;
            // Twiddle w^(p·t), w = e^(−2πi/subLength), stored [p·radix + t].
            var real = new float[m * radix];
            var imaginary = new float[m * radix];
            for (int p = 0; p < m; p++)
            {
                for (int t = 0; t < radix; t++)
                {
                    double angle = -2.0 * Math.PI * p * t / subLength;
                    real[(p * radix) + t] = (float)Math.Cos(angle);
                    imaginary[(p * radix) + t] = (float)Math.Sin(angle);
                }
            }

            twiddleReal[stage] = real;
            twiddleImaginary[stage] = imaginary;
            if (radix % 2 == 1)
            {
                largestOddRadix = Math.Max(largestOddRadix, radix);
                // ω_r^(j·t) for the generic odd kernel, stored [j·radix + t].
                kernelCos[stage] = new float[radix * radix];
                kernelSin[stage] = new float[radix * radix];
                for (int j = 0; j < radix; j++)
                {
                    for (int t = 0; t < radix; t++)
                    {
                        double angle = -2.0 * Math.PI * (j * t % radix) / radix;
                        kernelCos[stage][(j * radix) + t] = (float)Math.Cos(angle);
                        kernelSin[stage][(j * radix) + t] = (float)Math.Sin(angle);
                    }
                }
            }

            subLength = m;
        }

        oddSumReal = new float[largestOddRadix];
        oddSumImaginary = new float[largestOddRadix];
        scratchReal = new float[length];
        scratchImaginary = new float[length];
    }

    /// <summary>Transform length.</summary>
    public int Length { get; }

    /// <summary>Forward transform in place: X[k] = Σ x[n]·e^(−2πikn/N).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(Span<float> real, Span<float> imaginary) => Transform(real, imaginary);

    /// <summary>Inverse transform in place, scaled by 1/N.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Inverse(Span<float> real, Span<float> imaginary)
    {
        // IDFT(x) = swap(DFT(swap(x)))/N, where swap exchanges real and imaginary parts: passing the arrays
        // the other way round does it for free.
        Transform(imaginary, real);
        float scale = 1f / Length;
        var vr = MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(real);
        var vi = MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(imaginary);
        for (int v = 0; v < vr.Length; v++)
        {
            vr[v] *= scale;
            vi[v] *= scale;
        }

        for (int i = vr.Length * System.Numerics.Vector<float>.Count; i < Length; i++)
        {
            real[i] *= scale;
            imaginary[i] *= scale;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Transform(Span<float> real, Span<float> imaginary)
    {
        if (real.Length != Length || imaginary.Length != Length)
        {
            throw new ArgumentException($"FFT length {Length} expected.", nameof(real));
        }

        Span<float> inReal = real;
        Span<float> inImaginary = imaginary;
        Span<float> outReal = scratchReal;
        Span<float> outImaginary = scratchImaginary;
        int subLength = Length;
        int stride = 1;
        for (int stage = 0; stage < radices.Length; stage++)
        {
            int radix = radices[stage];
            int m = subLength / radix;
            switch (radix)
            {
                case 2:
                    Radix2(inReal, inImaginary, outReal, outImaginary, m, stride, stage);
                    break;
                case 3:
                    Radix3(inReal, inImaginary, outReal, outImaginary, m, stride, stage);
                    break;
                case 4:
                    Radix4(inReal, inImaginary, outReal, outImaginary, m, stride, stage);
                    break;
                case 5:
                    Radix5(inReal, inImaginary, outReal, outImaginary, m, stride, stage);
                    break;
                default:
                    RadixOdd(inReal, inImaginary, outReal, outImaginary, radix, m, stride, stage);
                    break;
            }

            Span<float> swapReal = inReal;
            Span<float> swapImaginary = inImaginary;
            inReal = outReal;
            inImaginary = outImaginary;
            outReal = swapReal;
            outImaginary = swapImaginary;
            subLength = m;
            stride *= radix;
        }

        if (radices.Length % 2 == 1)
        {
            inReal.CopyTo(real);
            inImaginary.CopyTo(imaginary);
        }
    }

    // One DIF Stockham stage: a_j = x[q + s(p + j·m)], b_t = Σ_j a_j·ω_r^(jt), y[q + s(r·p + t)] = b_t·w^(p·t).
    // The butterflies index through refs: the spans were checked once in Transform.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Radix2(ReadOnlySpan<float> xrSpan, ReadOnlySpan<float> xiSpan, Span<float> yrSpan, Span<float> yiSpan, int m, int s, int stage)
    {
        ref float xr = ref MemoryMarshal.GetReference(xrSpan);
        ref float xi = ref MemoryMarshal.GetReference(xiSpan);
        ref float yr = ref MemoryMarshal.GetReference(yrSpan);
        ref float yi = ref MemoryMarshal.GetReference(yiSpan);
        ref float wr = ref MemoryMarshal.GetArrayDataReference(twiddleReal[stage]);
        ref float wi = ref MemoryMarshal.GetArrayDataReference(twiddleImaginary[stage]);
        for (int p = 0; p < m; p++)
        {
            float w1r = Unsafe.Add(ref wr, (p * 2) + 1);
            float w1i = Unsafe.Add(ref wi, (p * 2) + 1);
            int input0 = s * p;
            int input1 = s * (p + m);
            int output0 = s * 2 * p;
            int output1 = output0 + s;
            for (int q = 0; q < s; q++)
            {
                float ar = Unsafe.Add(ref xr, input0 + q);
                float ai = Unsafe.Add(ref xi, input0 + q);
                float br = Unsafe.Add(ref xr, input1 + q);
                float bi = Unsafe.Add(ref xi, input1 + q);
                Unsafe.Add(ref yr, output0 + q) = ar + br;
                Unsafe.Add(ref yi, output0 + q) = ai + bi;
                float dr = ar - br;
                float di = ai - bi;
                Unsafe.Add(ref yr, output1 + q) = (dr * w1r) - (di * w1i);
                Unsafe.Add(ref yi, output1 + q) = (dr * w1i) + (di * w1r);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Radix3(ReadOnlySpan<float> xrSpan, ReadOnlySpan<float> xiSpan, Span<float> yrSpan, Span<float> yiSpan, int m, int s, int stage)
    {
        const float HalfSqrt3 = 0.866025403784438647f;
        ref float xr = ref MemoryMarshal.GetReference(xrSpan);
        ref float xi = ref MemoryMarshal.GetReference(xiSpan);
        ref float yr = ref MemoryMarshal.GetReference(yrSpan);
        ref float yi = ref MemoryMarshal.GetReference(yiSpan);
        ref float wr = ref MemoryMarshal.GetArrayDataReference(twiddleReal[stage]);
        ref float wi = ref MemoryMarshal.GetArrayDataReference(twiddleImaginary[stage]);
        for (int p = 0; p < m; p++)
        {
            float w1r = Unsafe.Add(ref wr, (p * 3) + 1), w1i = Unsafe.Add(ref wi, (p * 3) + 1);
            float w2r = Unsafe.Add(ref wr, (p * 3) + 2), w2i = Unsafe.Add(ref wi, (p * 3) + 2);
            int i0 = s * p, i1 = s * (p + m), i2 = s * (p + (2 * m));
            int o0 = s * 3 * p, o1 = o0 + s, o2 = o1 + s;
            for (int q = 0; q < s; q++)
            {
                float a0r = Unsafe.Add(ref xr, i0 + q), a0i = Unsafe.Add(ref xi, i0 + q);
                float a1r = Unsafe.Add(ref xr, i1 + q), a1i = Unsafe.Add(ref xi, i1 + q);
                float a2r = Unsafe.Add(ref xr, i2 + q), a2i = Unsafe.Add(ref xi, i2 + q);
                float tr = a1r + a2r, ti = a1i + a2i;
                // ω3 = −1/2 − i·√3/2: b1 = a0 − t/2 − i·(√3/2)(a1 − a2), b2 = a0 − t/2 + i·(√3/2)(a1 − a2).
                float mr = a0r - (0.5f * tr), mi = a0i - (0.5f * ti);
                float nr = HalfSqrt3 * (a1r - a2r), ni = HalfSqrt3 * (a1i - a2i);
                float b1r = mr + ni, b1i = mi - nr;
                float b2r = mr - ni, b2i = mi + nr;
                Unsafe.Add(ref yr, o0 + q) = a0r + tr;
                Unsafe.Add(ref yi, o0 + q) = a0i + ti;
                Unsafe.Add(ref yr, o1 + q) = (b1r * w1r) - (b1i * w1i);
                Unsafe.Add(ref yi, o1 + q) = (b1r * w1i) + (b1i * w1r);
                Unsafe.Add(ref yr, o2 + q) = (b2r * w2r) - (b2i * w2i);
                Unsafe.Add(ref yi, o2 + q) = (b2r * w2i) + (b2i * w2r);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Radix4(ReadOnlySpan<float> xrSpan, ReadOnlySpan<float> xiSpan, Span<float> yrSpan, Span<float> yiSpan, int m, int s, int stage)
    {
        ref float xr = ref MemoryMarshal.GetReference(xrSpan);
        ref float xi = ref MemoryMarshal.GetReference(xiSpan);
        ref float yr = ref MemoryMarshal.GetReference(yrSpan);
        ref float yi = ref MemoryMarshal.GetReference(yiSpan);
        ref float wr = ref MemoryMarshal.GetArrayDataReference(twiddleReal[stage]);
        ref float wi = ref MemoryMarshal.GetArrayDataReference(twiddleImaginary[stage]);
        for (int p = 0; p < m; p++)
        {
            float w1r = Unsafe.Add(ref wr, (p * 4) + 1), w1i = Unsafe.Add(ref wi, (p * 4) + 1);
            float w2r = Unsafe.Add(ref wr, (p * 4) + 2), w2i = Unsafe.Add(ref wi, (p * 4) + 2);
            float w3r = Unsafe.Add(ref wr, (p * 4) + 3), w3i = Unsafe.Add(ref wi, (p * 4) + 3);
            int i0 = s * p, i1 = s * (p + m), i2 = s * (p + (2 * m)), i3 = s * (p + (3 * m));
            int o0 = s * 4 * p, o1 = o0 + s, o2 = o1 + s, o3 = o2 + s;
            for (int q = 0; q < s; q++)
            {
                float a0r = Unsafe.Add(ref xr, i0 + q), a0i = Unsafe.Add(ref xi, i0 + q);
                float a1r = Unsafe.Add(ref xr, i1 + q), a1i = Unsafe.Add(ref xi, i1 + q);
                float a2r = Unsafe.Add(ref xr, i2 + q), a2i = Unsafe.Add(ref xi, i2 + q);
                float a3r = Unsafe.Add(ref xr, i3 + q), a3i = Unsafe.Add(ref xi, i3 + q);
                float s02r = a0r + a2r, s02i = a0i + a2i;
                float d02r = a0r - a2r, d02i = a0i - a2i;
                float s13r = a1r + a3r, s13i = a1i + a3i;
                float d13r = a1r - a3r, d13i = a1i - a3i;
                // ω4 = −i: b1 = d02 − i·d13, b3 = d02 + i·d13.
                float b1r = d02r + d13i, b1i = d02i - d13r;
                float b2r = s02r - s13r, b2i = s02i - s13i;
                float b3r = d02r - d13i, b3i = d02i + d13r;
                Unsafe.Add(ref yr, o0 + q) = s02r + s13r;
                Unsafe.Add(ref yi, o0 + q) = s02i + s13i;
                Unsafe.Add(ref yr, o1 + q) = (b1r * w1r) - (b1i * w1i);
                Unsafe.Add(ref yi, o1 + q) = (b1r * w1i) + (b1i * w1r);
                Unsafe.Add(ref yr, o2 + q) = (b2r * w2r) - (b2i * w2i);
                Unsafe.Add(ref yi, o2 + q) = (b2r * w2i) + (b2i * w2r);
                Unsafe.Add(ref yr, o3 + q) = (b3r * w3r) - (b3i * w3i);
                Unsafe.Add(ref yi, o3 + q) = (b3r * w3i) + (b3i * w3r);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Radix5(ReadOnlySpan<float> xrSpan, ReadOnlySpan<float> xiSpan, Span<float> yrSpan, Span<float> yiSpan, int m, int s, int stage)
    {
        // cos and sin of 2π/5 and 4π/5.
        const float C1 = 0.309016994374947424f, C2 = -0.809016994374947424f;
        const float S1 = 0.951056516295153572f, S2 = 0.587785252292473129f;
        ref float xr = ref MemoryMarshal.GetReference(xrSpan);
        ref float xi = ref MemoryMarshal.GetReference(xiSpan);
        ref float yr = ref MemoryMarshal.GetReference(yrSpan);
        ref float yi = ref MemoryMarshal.GetReference(yiSpan);
        ref float wr = ref MemoryMarshal.GetArrayDataReference(twiddleReal[stage]);
        ref float wi = ref MemoryMarshal.GetArrayDataReference(twiddleImaginary[stage]);
        for (int p = 0; p < m; p++)
        {
            float w1r = Unsafe.Add(ref wr, (p * 5) + 1), w1i = Unsafe.Add(ref wi, (p * 5) + 1);
            float w2r = Unsafe.Add(ref wr, (p * 5) + 2), w2i = Unsafe.Add(ref wi, (p * 5) + 2);
            float w3r = Unsafe.Add(ref wr, (p * 5) + 3), w3i = Unsafe.Add(ref wi, (p * 5) + 3);
            float w4r = Unsafe.Add(ref wr, (p * 5) + 4), w4i = Unsafe.Add(ref wi, (p * 5) + 4);
            int i0 = s * p, i1 = s * (p + m), i2 = s * (p + (2 * m)), i3 = s * (p + (3 * m)), i4 = s * (p + (4 * m));
            int o0 = s * 5 * p, o1 = o0 + s, o2 = o1 + s, o3 = o2 + s, o4 = o3 + s;
            for (int q = 0; q < s; q++)
            {
                float a0r = Unsafe.Add(ref xr, i0 + q), a0i = Unsafe.Add(ref xi, i0 + q);
                float a1r = Unsafe.Add(ref xr, i1 + q), a1i = Unsafe.Add(ref xi, i1 + q);
                float a2r = Unsafe.Add(ref xr, i2 + q), a2i = Unsafe.Add(ref xi, i2 + q);
                float a3r = Unsafe.Add(ref xr, i3 + q), a3i = Unsafe.Add(ref xi, i3 + q);
                float a4r = Unsafe.Add(ref xr, i4 + q), a4i = Unsafe.Add(ref xi, i4 + q);
                float t1r = a1r + a4r, t1i = a1i + a4i;
                float t2r = a2r + a3r, t2i = a2i + a3i;
                float t3r = a1r - a4r, t3i = a1i - a4i;
                float t4r = a2r - a3r, t4i = a2i - a3i;
                float m1r = a0r + (C1 * t1r) + (C2 * t2r), m1i = a0i + (C1 * t1i) + (C2 * t2i);
                float m2r = a0r + (C2 * t1r) + (C1 * t2r), m2i = a0i + (C2 * t1i) + (C1 * t2i);
                float n1r = (S1 * t3r) + (S2 * t4r), n1i = (S1 * t3i) + (S2 * t4i);
                float n2r = (S2 * t3r) - (S1 * t4r), n2i = (S2 * t3i) - (S1 * t4i);
                // b1 = m1 − i·n1, b4 = m1 + i·n1, b2 = m2 − i·n2, b3 = m2 + i·n2.
                float b1r = m1r + n1i, b1i = m1i - n1r;
                float b4r = m1r - n1i, b4i = m1i + n1r;
                float b2r = m2r + n2i, b2i = m2i - n2r;
                float b3r = m2r - n2i, b3i = m2i + n2r;
                Unsafe.Add(ref yr, o0 + q) = a0r + t1r + t2r;
                Unsafe.Add(ref yi, o0 + q) = a0i + t1i + t2i;
                Unsafe.Add(ref yr, o1 + q) = (b1r * w1r) - (b1i * w1i);
                Unsafe.Add(ref yi, o1 + q) = (b1r * w1i) + (b1i * w1r);
                Unsafe.Add(ref yr, o2 + q) = (b2r * w2r) - (b2i * w2i);
                Unsafe.Add(ref yi, o2 + q) = (b2r * w2i) + (b2i * w2r);
                Unsafe.Add(ref yr, o3 + q) = (b3r * w3r) - (b3i * w3i);
                Unsafe.Add(ref yi, o3 + q) = (b3r * w3i) + (b3i * w3r);
                Unsafe.Add(ref yr, o4 + q) = (b4r * w4r) - (b4i * w4i);
                Unsafe.Add(ref yi, o4 + q) = (b4r * w4i) + (b4i * w4r);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RadixOdd(ReadOnlySpan<float> xr, ReadOnlySpan<float> xi, Span<float> yr, Span<float> yi, int radix, int m, int s, int stage)
    {
        float[] wr = twiddleReal[stage];
        float[] wi = twiddleImaginary[stage];
        float[] cos = kernelCos[stage];
        float[] sin = kernelSin[stage];

        float[] br = oddSumReal;
        float[] bi = oddSumImaginary;
        int half = radix / 2;
        for (int p = 0; p < m; p++)
        {
            for (int q = 0; q < s; q++)
            {
                float a0r = xr[(s * p) + q];
                float a0i = xi[(s * p) + q];
                float sumr = a0r, sumi = a0i;
                for (int t = 1; t < radix; t++)
                {
                    br[t] = a0r;
                    bi[t] = a0i;
                }

                // Pair a_j with a_(r−j): their kernels are complex conjugates.
                for (int j = 1; j <= half; j++)
                {
                    int ij = (s * (p + (j * m))) + q;
                    int ik = (s * (p + ((radix - j) * m))) + q;
                    float pr = xr[ij] + xr[ik], pi = xi[ij] + xi[ik];
                    float mr = xr[ij] - xr[ik], mi = xi[ij] - xi[ik];
                    sumr += pr;
                    sumi += pi;
                    for (int t = 1; t < radix; t++)
                    {
                        float c = cos[(j * radix) + t];
                        float sn = sin[(j * radix) + t];
                        // a_j·(c + i·sn) + a_k·(c − i·sn) = c·(a_j + a_k) + i·sn·(a_j − a_k)
                        br[t] += (c * pr) - (sn * mi);
                        bi[t] += (c * pi) + (sn * mr);
                    }
                }

                int output = (s * radix * p) + q;
                yr[output] = sumr;
                yi[output] = sumi;
                for (int t = 1; t < radix; t++)
                {
                    float twr = wr[(p * radix) + t];
                    float twi = wi[(p * radix) + t];
                    yr[output + (s * t)] = (br[t] * twr) - (bi[t] * twi);
                    yi[output + (s * t)] = (br[t] * twi) + (bi[t] * twr);
                }
            }
        }
    }

    private static int[] Factor(int length)
    {
        var factors = new List<int>();
        int rest = length;
        while (rest % 4 == 0)
        {
            factors.Add(4);
            rest /= 4;
        }

        if (rest % 2 == 0)
        {
            factors.Add(2);
            rest /= 2;
        }

        for (int odd = 3; rest > 1; odd += 2)
        {
            while (rest % odd == 0)
            {
                factors.Add(odd);
                rest /= odd;
            }

            if (odd > 31 && rest > 1)
            {
                throw new ArgumentException($"FFT length {length} has a prime factor above 31.", nameof(length));
            }
        }

        return factors.ToArray();
    }
}
