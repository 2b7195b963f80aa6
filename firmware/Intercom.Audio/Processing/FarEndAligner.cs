using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Intercom.Audio.Processing;

/// <summary>
/// Delays the loudspeaker signal by the estimated echo delay before it reaches the adaptive filters, with
/// sub-sample precision: z[n] = x(n − d). The delay moves in whole blocks when the delay estimator says so,
/// and continuously when the loudspeaker and microphone clocks drift apart (d then changes by a fraction of
/// a sample per block, which resamples the far end to the microphone's clock). While d is a whole number the
/// samples are copied; otherwise a Kaiser-windowed sinc interpolator is used.
/// </summary>
internal sealed class FarEndAligner
{
    private const int Taps = 32;
    private const double KaiserBeta = 8.0;

    private readonly int frame;
    private readonly float[] ring;
    private const int Phases = 256;
    private static readonly float[] table = BuildTable();
    private readonly float[] reversedCoefficients = new float[Taps];
    private readonly Vector<float>[] broadcastTaps = new Vector<float>[Taps];
    private readonly float[] alignedPrevious;
    private readonly float[] linear;
    private long written;
    private double coefficientFraction = double.NaN;

    public FarEndAligner(int frame, int maximumDelaySamples, int historyBlocks)
    {
        this.frame = frame;
        MaximumDelaySamples = maximumDelaySamples;
        // Enough for the largest delay, the history to rebuild, the two-block window and the interpolator.
        ring = new float[maximumDelaySamples + ((historyBlocks + 3) * frame) + Taps];
        alignedPrevious = new float[frame];
        linear = new float[frame + Taps];
    }

    /// <summary>Largest delay that can be applied.</summary>
    public int MaximumDelaySamples { get; }

    /// <summary>Current delay d in samples (fractional while compensating clock drift).</summary>
    public double DelaySamples { get; private set; }

    /// <summary>Forgets the signal and sets the delay to zero.</summary>
    public void Reset()
    {
        Array.Clear(ring);
        Array.Clear(alignedPrevious);
        written = 0;
        DelaySamples = 0;
    }

    /// <summary>Appends one block of loudspeaker samples (scaled to ±1).</summary>
    public void Push(ReadOnlySpan<float> block)
    {
        int position = (int)(written % ring.Length);
        int first = Math.Min(block.Length, ring.Length - position);
        block[..first].CopyTo(ring.AsSpan(position));
        block[first..].CopyTo(ring);
        written += block.Length;
    }

    /// <summary>Sets the delay, clamped to what the interpolator and the buffer allow.</summary>
    public void SetDelay(double delaySamples) =>
        DelaySamples = Math.Clamp(delaySamples, 0, MaximumDelaySamples);

    /// <summary>The last two unaligned blocks [previous, current].</summary>
    public void UnalignedWindow(Span<float> window) => CopyRange(written - (2 * frame), window[..(2 * frame)]);

    /// <summary>
    /// Aligned window [previous, current] for the newest block. The previous half is the block produced last
    /// time, so the aligned stream is continuous while the delay drifts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void NextAlignedWindow(Span<float> window)
    {
        alignedPrevious.CopyTo(window);
        Span<float> current = window.Slice(frame, frame);
        Produce(written - frame, current);
        current.CopyTo(alignedPrevious);
    }

    /// <summary>
    /// Aligned window ending <paramref name="blocksAgo"/> blocks before the newest block, all computed with the
    /// current delay (to rebuild the filter history after the delay jumped). Call oldest first and finish with
    /// <paramref name="blocksAgo"/> = 0 so that the next <see cref="NextAlignedWindow"/> continues from it.
    /// </summary>
    public void AlignedWindow(int blocksAgo, Span<float> window)
    {
        long end = written - (blocksAgo * (long)frame);
        Produce(end - (2 * frame), window[..frame]);
        Produce(end - frame, window.Slice(frame, frame));
        if (blocksAgo == 0)
        {
            window.Slice(frame, frame).CopyTo(alignedPrevious);
        }
    }

    // z[n] = x(n − d) for the block starting at absolute sample index start.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Produce(long start, Span<float> output)
    {
        long whole = (long)Math.Floor(DelaySamples);
        double fraction = DelaySamples - whole;
        if (fraction < 1e-6 || whole < (Taps / 2) - 1)
        {
            CopyRange(start - (long)Math.Round(DelaySamples), output);
            return;
        }

        if (fraction != coefficientFraction)
        {
            ComputeCoefficients(fraction);
        }

        // x(n − q − f) = Σ_j x[n − q − j]·sinc(j − f)·w(j − f), j = −Taps/2 + 1 … Taps/2: the input runs from
        // n − q − Taps/2 (oldest) to n − q + Taps/2 − 1 (newest) for the first output sample.
        int length = output.Length + Taps - 1;
        Span<float> input = linear.AsSpan(0, length);
        CopyRange(start - whole - (Taps / 2), input);
        // coefficients[t] belongs to input index i + Taps − 1 − t. Vectorised across output samples: a vector
        // of outputs accumulates, tap by tap, the broadcast tap times the input shifted by it.
        int width = Vector<float>.Count;
        int vectorEnd = output.Length - (output.Length % width);
        ref float source = ref MemoryMarshal.GetReference(input);
        ref float destination = ref MemoryMarshal.GetReference(output);
        for (int i = 0; i < vectorEnd; i += width)
        {
            var sum = Vector<float>.Zero;
            for (int t = 0; t < Taps; t++)
            {
                sum += broadcastTaps[t] * Vector.LoadUnsafe(ref source, (nuint)(i + t));
            }

            sum.StoreUnsafe(ref destination, (nuint)i);
        }

        for (int i = vectorEnd; i < output.Length; i++)
        {
            float sum = 0;
            for (int t = 0; t < Taps; t++)
            {
                sum += reversedCoefficients[t] * input[i + t];
            }

            output[i] = sum;
        }
    }

    // Taps for a fractional delay, linearly interpolated between the two nearest rows of the table.
    private void ComputeCoefficients(double fraction)
    {
        double position = fraction * Phases;
        int row = Math.Min((int)position, Phases - 1);
        float weight = (float)(position - row);
        ReadOnlySpan<float> lower = table.AsSpan(row * Taps, Taps);
        ReadOnlySpan<float> upper = table.AsSpan((row + 1) * Taps, Taps);
        for (int t = 0; t < Taps; t++)
        {
            float tap = lower[t] + (weight * (upper[t] - lower[t]));
            reversedCoefficients[Taps - 1 - t] = tap;
            broadcastTaps[Taps - 1 - t] = new Vector<float>(tap);
        }

        coefficientFraction = fraction;
    }

    // Kaiser-windowed sinc taps for fractions 0, 1/Phases, …, 1, normalised to unit DC gain.
    private static float[] BuildTable()
    {
        var result = new float[(Phases + 1) * Taps];
        double normaliser = BesselI0(KaiserBeta);
        for (int phase = 0; phase <= Phases; phase++)
        {
            double fraction = (double)phase / Phases;
            double total = 0;
            for (int t = 0; t < Taps; t++)
            {
                double x = t - (Taps / 2) + 1 - fraction;
                double sinc = Math.Abs(x) < 1e-9 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
                double ratio = x / (Taps / 2.0);
                double window = ratio * ratio >= 1 ? 0 : BesselI0(KaiserBeta * Math.Sqrt(1 - (ratio * ratio))) / normaliser;
                result[(phase * Taps) + t] = (float)(sinc * window);
                total += sinc * window;
            }

            for (int t = 0; t < Taps; t++)
            {
                result[(phase * Taps) + t] = (float)(result[(phase * Taps) + t] / total);
            }
        }

        return result;
    }

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, quarter = x * x / 4;
        for (int k = 1; k < 30; k++)
        {
            term *= quarter / (k * k);
            sum += term;
        }

        return sum;
    }

    // Copies samples [start, start + destination.Length) of the stream; samples before the first are zero.
    private void CopyRange(long start, Span<float> destination)
    {
        int offset = 0;
        if (start < 0)
        {
            offset = (int)Math.Min(destination.Length, -start);
            destination[..offset].Clear();
            start += offset;
        }

        while (offset < destination.Length)
        {
            int position = (int)(start % ring.Length);
            int count = Math.Min(destination.Length - offset, ring.Length - position);
            ring.AsSpan(position, count).CopyTo(destination[offset..]);
            offset += count;
            start += count;
        }
    }
}
