using Intercom.Audio.Processing;

namespace Intercom.Audio.Tests.Processing;

/// <summary>
/// A small door-intercom scene generated in the test: a speech-like far end (formant-filtered pulse train and
/// noise under a syllable envelope, with pauses), its echo through a room-like path (bulk delay, decaying
/// random tail), optionally a near-end talker of another pitch and formant track, and a little white noise.
/// </summary>
internal sealed class EchoScene
{
    private EchoScene(short[] speaker, short[] microphone, float[] near, float[] echo)
    {
        Speaker = speaker;
        Microphone = microphone;
        Near = near;
        Echo = echo;
    }

    /// <summary>What the loudspeaker played.</summary>
    public short[] Speaker { get; }

    /// <summary>Echo + near end + noise.</summary>
    public short[] Microphone { get; }

    /// <summary>The near-end component alone (±1 scale).</summary>
    public float[] Near { get; }

    /// <summary>The echo component alone (±1 scale).</summary>
    public float[] Echo { get; }

    public static EchoScene Create(
        int sampleRateHz, TimeSpan duration, TimeSpan bulkDelay, TimeSpan nearStart,
        double driftPartsPerMillion = 0, int seed = 1, TimeSpan? nearStop = null)
    {
        int length = (int)(duration.TotalSeconds * sampleRateHz);
        var random = new Random(seed);
        float[] far = SpeechLike(random, sampleRateHz, length, pitchHz: 120, formantHz: 600, syllableHz: 3.7, pauseOffsetSeconds: 0, level: 0.25f);
        float[] played = driftPartsPerMillion == 0 ? far : Resample(far, 1 + (driftPartsPerMillion * 1e-6));
        float[] path = RoomPath(random, sampleRateHz, bulkDelay, TimeSpan.FromMilliseconds(150));
        float[] echo = Convolve(played, path);
        float[] nearTalker = SpeechLike(random, sampleRateHz, length, pitchHz: 210, formantHz: 900, syllableHz: 4.9, pauseOffsetSeconds: 0.8, level: 0.12f);
        int nearFrom = (int)(nearStart.TotalSeconds * sampleRateHz);
        var near = new float[length];
        int nearTo = nearStop is TimeSpan stop ? Math.Min(length, (int)(stop.TotalSeconds * sampleRateHz)) : length;
        Array.Copy(nearTalker, nearFrom, near, nearFrom, Math.Max(0, nearTo - nearFrom));
        var speaker = new short[length];
        var microphone = new short[length];
        for (int n = 0; n < length; n++)
        {
            float noise = (float)(random.NextDouble() - 0.5) * 0.001f;
            speaker[n] = ToSample(far[n]);
            microphone[n] = ToSample(echo[n] + near[n] + noise);
        }

        return new EchoScene(speaker, microphone, near, echo);
    }

    private static float[] SpeechLike(
        Random random, int sampleRateHz, int length, double pitchHz, double formantHz, double syllableHz, double pauseOffsetSeconds, float level)
    {
        var signal = new float[length];
        double phase = 0;
        float y1 = 0, y2 = 0;
        for (int n = 0; n < length; n++)
        {
            double t = (double)n / sampleRateHz;
            // Syllables at a talker's own rate, a pause of 0.3 s every 2 s (different talkers, different rhythm).
            double envelope = Math.Max(0, Math.Sin(2 * Math.PI * syllableHz * t)) * ((t + pauseOffsetSeconds) % 2.0 < 1.7 ? 1 : 0);
            double pitch = pitchHz * (1 + (0.1 * Math.Sin(2 * Math.PI * 0.9 * t)));
            phase += pitch / sampleRateHz;
            double pulse = phase >= 1 ? 1 : 0;
            phase -= Math.Floor(phase);
            double excitation = (4 * pulse) + (random.NextDouble() - 0.5);
            double formant = formantHz * (1 + (0.4 * Math.Sin(2 * Math.PI * 0.6 * t)));
            double radius = 0.97;
            float a1 = (float)(2 * radius * Math.Cos(2 * Math.PI * formant / sampleRateHz));
            float a2 = (float)(-radius * radius);
            float y = (float)excitation + (a1 * y1) + (a2 * y2);
            y2 = y1;
            y1 = y;
            signal[n] = (float)(level * envelope * y * 0.1);
        }

        return signal;
    }

    private static float[] RoomPath(Random random, int sampleRateHz, TimeSpan bulkDelay, TimeSpan tail)
    {
        int delay = (int)(bulkDelay.TotalSeconds * sampleRateHz);
        int taps = (int)(tail.TotalSeconds * sampleRateHz);
        var path = new float[delay + taps];
        double energy = 0;
        for (int i = 0; i < taps; i++)
        {
            // −60 dB over the tail, direct sound first.
            double decay = Math.Pow(10, -3.0 * i / taps);
            double tap = (i == 0 ? 1.0 : (random.NextDouble() - 0.5) * 0.6) * decay;
            path[delay + i] = (float)tap;
            energy += tap * tap;
        }

        float scale = (float)(0.5 / Math.Sqrt(energy));
        for (int i = 0; i < path.Length; i++)
        {
            path[i] *= scale;
        }

        return path;
    }

    // Overlap-add FFT convolution (the direct sum over a 150 ms path would dominate the test's run time).
    private static float[] Convolve(float[] signal, float[] path)
    {
        int size = 1;
        while (size < 2 * path.Length)
        {
            size *= 2;
        }

        int block = size - path.Length + 1;
        var fft = new RealFft(size);
        var pathReal = new float[fft.Bins];
        var pathImaginary = new float[fft.Bins];
        var buffer = new float[size];
        path.CopyTo(buffer, 0);
        fft.Forward(buffer, pathReal, pathImaginary);
        var real = new float[fft.Bins];
        var imaginary = new float[fft.Bins];
        var result = new float[signal.Length];
        for (int start = 0; start < signal.Length; start += block)
        {
            Array.Clear(buffer);
            int count = Math.Min(block, signal.Length - start);
            Array.Copy(signal, start, buffer, 0, count);
            fft.Forward(buffer, real, imaginary);
            for (int k = 0; k < fft.Bins; k++)
            {
                float r = (real[k] * pathReal[k]) - (imaginary[k] * pathImaginary[k]);
                float i = (real[k] * pathImaginary[k]) + (imaginary[k] * pathReal[k]);
                real[k] = r;
                imaginary[k] = i;
            }

            fft.Inverse(real, imaginary, buffer);
            for (int n = 0; n < size && start + n < signal.Length; n++)
            {
                result[start + n] += buffer[n];
            }
        }

        return result;
    }

    // y[m] = x(m·ratio) by Hann-windowed sinc interpolation: a loudspeaker clock running `ratio` times faster.
    // sin(π(p − k)) only changes sign from one k to the next, so it is computed once per output sample.
    private static float[] Resample(float[] signal, double ratio)
    {
        const int Half = 16;
        var result = new float[signal.Length];
        for (int m = 0; m < signal.Length; m++)
        {
            double position = m * ratio;
            int center = (int)Math.Floor(position);
            double fraction = position - center;
            double sine = Math.Sin(Math.PI * fraction);
            double sum = 0;
            for (int k = center - Half + 1; k <= center + Half; k++)
            {
                if (k < 0 || k >= signal.Length)
                {
                    continue;
                }

                double x = position - k;
                double sinc = Math.Abs(x) < 1e-9 ? 1 : (((center - k) % 2 == 0) ? sine : -sine) / (Math.PI * x);
                double window = 0.5 + (0.5 * Math.Cos(Math.PI * x / Half));
                sum += signal[k] * sinc * window;
            }

            result[m] = (float)sum;
        }

        return result;
    }

    private static short ToSample(float value) => (short)Math.Clamp(MathF.Round(value * 32768f), -32768f, 32767f);
}
