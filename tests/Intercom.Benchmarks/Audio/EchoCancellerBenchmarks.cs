using System.Numerics;
using BenchmarkDotNet.Attributes;
using Intercom.Audio.Processing;

namespace Intercom.Benchmarks.Audio;

/// <summary>
/// One 10 ms frame of the echo canceller (delay and drift tracking, two partitioned filters, residual echo and
/// noise suppression) in steady state, after two seconds of speech-like signal through a 150 ms echo path with
/// a talker at the near end. Anchor: the textbook canceller, a time-domain NLMS filter over the same 300 ms tail
/// (filter and update, no suppression), vectorised the same way.
/// Run: dotnet run -c Release --project tests/Intercom.Benchmarks -- --filter '*EchoCanceller*'
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class EchoCancellerBenchmarks
{
    private const int Frames = 400;

    private EchoCanceller canceller = null!;
    private short[] speaker = null!;
    private short[] microphone = null!;
    private short[] output = null!;
    private float[] nlmsWeights = null!;
    private float[] nlmsHistory = null!;
    private int frame;
    private int next;

    [Params(16000, 48000)]
    public int SampleRateHz { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        canceller = new EchoCanceller(new EchoCancellerOptions { SampleRateHz = SampleRateHz });
        frame = canceller.FrameSamples;
        (speaker, microphone) = EchoScene(SampleRateHz, Frames * frame);
        output = new short[frame];
        for (int f = 0; f < Frames / 2; f++)
        {
            ProcessFrame(f);
        }

        int taps = (int)(SampleRateHz * 0.3);
        nlmsWeights = new float[taps];
        nlmsHistory = new float[taps + frame];
    }

    [Benchmark(Baseline = true)]
    public float TimeDomainNlms()
    {
        int start = (next++ % Frames) * frame;
        int taps = nlmsWeights.Length;
        // History holds the newest `taps + frame` far-end samples, oldest first.
        nlmsHistory.AsSpan(frame).CopyTo(nlmsHistory);
        for (int n = 0; n < frame; n++)
        {
            nlmsHistory[taps + n] = speaker[start + n] / 32768f;
        }

        float last = 0;
        for (int n = 0; n < frame; n++)
        {
            ReadOnlySpan<float> x = nlmsHistory.AsSpan(n + 1, taps);
            float estimate = Dot(nlmsWeights, x);
            float error = (microphone[start + n] / 32768f) - estimate;
            float step = 0.5f * error / (Dot(x, x) + 1e-6f);
            Axpy(step, x, nlmsWeights);
            last = error;
        }

        return last;
    }

    [Benchmark]
    public short EchoCancellerFrame() => ProcessFrame(next++ % Frames);

    private short ProcessFrame(int index)
    {
        int start = index * frame;
        canceller.Process(speaker.AsSpan(start, frame), microphone.AsSpan(start, frame), output);
        return output[0];
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        int width = Vector<float>.Count;
        int i = 0;
        for (; i <= a.Length - width; i += width)
        {
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        }

        float total = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }

    private static void Axpy(float scale, ReadOnlySpan<float> x, Span<float> y)
    {
        var factor = new Vector<float>(scale);
        int width = Vector<float>.Count;
        int i = 0;
        for (; i <= x.Length - width; i += width)
        {
            (new Vector<float>(y[i..]) + (factor * new Vector<float>(x[i..]))).CopyTo(y[i..]);
        }

        for (; i < x.Length; i++)
        {
            y[i] += scale * x[i];
        }
    }

    // Speech-like far end (noise through a moving formant filter, syllable envelope), a decaying echo path with
    // 20 ms bulk delay, and a near-end talker of the same kind in the second half.
    private static (short[] Speaker, short[] Microphone) EchoScene(int sampleRateHz, int length)
    {
        var random = new Random(7);
        float[] far = SpeechLike(random, sampleRateHz, length, 0.1f);
        float[] near = SpeechLike(random, sampleRateHz, length, 0.05f);
        int delay = sampleRateHz / 50;
        int tail = (int)(sampleRateHz * 0.15);
        var path = new float[delay + tail];
        for (int i = 0; i < tail; i++)
        {
            path[delay + i] = (float)(random.NextDouble() - 0.5) * MathF.Exp(-i / (0.03f * sampleRateHz)) * 0.3f;
        }

        var speakerSamples = new short[length];
        var microphoneSamples = new short[length];
        for (int n = 0; n < length; n++)
        {
            float echo = 0;
            for (int k = delay; k < path.Length && k <= n; k += 1)
            {
                echo += path[k] * far[n - k];
            }

            float nearEnd = n > length / 2 ? near[n] : 0;
            speakerSamples[n] = (short)Math.Clamp(far[n] * 32768f, -32768f, 32767f);
            microphoneSamples[n] = (short)Math.Clamp((echo + nearEnd) * 32768f, -32768f, 32767f);
        }

        return (speakerSamples, microphoneSamples);
    }

    private static float[] SpeechLike(Random random, int sampleRateHz, int length, float level)
    {
        var signal = new float[length];
        float state1 = 0, state2 = 0;
        for (int n = 0; n < length; n++)
        {
            double t = (double)n / sampleRateHz;
            float envelope = (float)Math.Max(0, Math.Sin(2 * Math.PI * 4 * t));
            float formant = (float)(0.9 * Math.Cos(2 * Math.PI * (500 + (300 * Math.Sin(2 * Math.PI * 0.7 * t))) / sampleRateHz));
            float excitation = (float)(random.NextDouble() - 0.5);
            float value = excitation + (2 * formant * state1) - (0.81f * state2);
            state2 = state1;
            state1 = value;
            signal[n] = level * envelope * value * 0.2f;
        }

        return signal;
    }
}
