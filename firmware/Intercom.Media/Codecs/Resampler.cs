namespace Intercom.Media.Codecs;

/// <summary>
/// Streaming rational resampler for mono 16-bit PCM between the audio engine's rate and a codec's (8, 16, 48 kHz):
/// a polyphase windowed-sinc (Blackman) low-pass at 0.45 of the lower rate, 32 taps per period of the lower rate. Coefficients and
/// history are allocated at construction; <see cref="Process"/> allocates nothing.
/// </summary>
public sealed class Resampler
{
    private const int TapsPerOutputPeriod = 32;

    private readonly int tapsPerPhase;
    private readonly int interpolation;
    private readonly int decimation;
    private readonly float[] coefficients;
    private readonly float[] history;
    private readonly int maximumInput;
    private long phaseAccumulator;

    /// <summary>Creates a resampler; <paramref name="maximumInputSamples"/> bounds one call's input.</summary>
    public Resampler(int inputRateHz, int outputRateHz, int maximumInputSamples = 2880)
    {
        if (inputRateHz <= 0 || outputRateHz <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputRateHz), "Sample rates must be positive.");
        }

        InputRateHz = inputRateHz;
        OutputRateHz = outputRateHz;
        int divisor = GreatestCommonDivisor(inputRateHz, outputRateHz);
        interpolation = outputRateHz / divisor;
        decimation = inputRateHz / divisor;
        maximumInput = maximumInputSamples;

        // Decimating needs a filter as long in time as the lower rate's period times 32: scale with the ratio.
        tapsPerPhase = TapsPerOutputPeriod * Math.Max(1, (decimation + interpolation - 1) / interpolation);
        history = new float[tapsPerPhase + maximumInputSamples];

        // Prototype low-pass at the interpolated rate: cutoff 0.45 x min(in, out), gain = interpolation factor.
        int length = tapsPerPhase * interpolation;
        coefficients = new float[length];
        double cutoff = 0.45 * Math.Min(inputRateHz, outputRateHz) / ((double)inputRateHz * interpolation);
        double center = (length - 1) / 2.0;
        for (int i = 0; i < length; i++)
        {
            double x = i - center;
            double sinc = x == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
            double window = 0.42 - (0.5 * Math.Cos(2 * Math.PI * i / (length - 1))) + (0.08 * Math.Cos(4 * Math.PI * i / (length - 1)));
            coefficients[i] = (float)(sinc * window * interpolation);
        }
    }

    /// <summary>Input rate.</summary>
    public int InputRateHz { get; }

    /// <summary>Output rate.</summary>
    public int OutputRateHz { get; }

    /// <summary>Output samples <paramref name="inputSamples"/> produce (exact for 10 ms multiples).</summary>
    public int OutputLength(int inputSamples) => (int)((long)inputSamples * interpolation / decimation);

    /// <summary>Resamples one block; returns the number of output samples written.</summary>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        if (input.Length > maximumInput)
        {
            throw new ArgumentOutOfRangeException(nameof(input), "Input block is longer than the resampler was sized for.");
        }

        if (interpolation == decimation)
        {
            input.CopyTo(output);
            return input.Length;
        }

        // history[0..tapsPerPhase) holds the previous block's tail, then this block follows.
        for (int i = 0; i < input.Length; i++)
        {
            history[tapsPerPhase + i] = input[i];
        }

        int written = 0;
        long end = (long)input.Length * interpolation;
        while (phaseAccumulator < end && written < output.Length)
        {
            int inputIndex = (int)(phaseAccumulator / interpolation);
            int phase = (int)(phaseAccumulator % interpolation);
            float sum = 0;
            int newest = tapsPerPhase + inputIndex;
            for (int k = 0; k < tapsPerPhase; k++)
            {
                sum += coefficients[phase + (k * interpolation)] * history[newest - k];
            }

            output[written++] = (short)Math.Clamp(MathF.Round(sum), short.MinValue, short.MaxValue);
            phaseAccumulator += decimation;
        }

        phaseAccumulator -= end;
        history.AsSpan(input.Length, tapsPerPhase).CopyTo(history);
        return written;
    }

    private static int GreatestCommonDivisor(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
