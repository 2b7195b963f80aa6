using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Intercom.Audio.Processing;
using Intercom.Tools.Aec;

// aec --far FAR.wav --mic MIC.wav --out OUT.wav --rate 16000|48000
// Runs the audio thread's capture processing frame by frame in real-time order and prints the per-frame cost.
if (Environment.GetEnvironmentVariable("AEC_FFTBENCH") is string fftLength)
{
    var plan = new RealFft(int.Parse(fftLength, CultureInfo.InvariantCulture));
    var input = new float[plan.Length];
    var re = new float[plan.Bins + 16];
    var im = new float[plan.Bins + 16];
    new Random(1).NextBytes(new byte[1]);
    for (int i = 0; i < input.Length; i++) input[i] = i % 7;
    for (int round = 0; round < 5; round++)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < 20000; i++) plan.Forward(input, re, im);
        long mid = Stopwatch.GetTimestamp();
        for (int i = 0; i < 20000; i++) plan.Inverse(re, im, input);
        long end = Stopwatch.GetTimestamp();
        Console.WriteLine($"forward {(mid - start) * 1e6 / Stopwatch.Frequency / 20000:F3} us, inverse {(end - mid) * 1e6 / Stopwatch.Frequency / 20000:F3} us");
    }

    return 0;
}

string? farPath = null, micPath = null, outPath = null;
int rate = 0;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--far": farPath = args[i + 1]; break;
        case "--mic": micPath = args[i + 1]; break;
        case "--out": outPath = args[i + 1]; break;
        case "--rate": rate = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"unknown option {args[i]}");
            return 2;
    }
}

if (farPath is null || micPath is null || outPath is null || args.Length % 2 != 0)
{
    Console.Error.WriteLine("usage: aec --far FAR.wav --mic MIC.wav --out OUT.wav [--rate 16000|48000]");
    return 2;
}

try
{
    var (farSamples, farRate) = WaveFile.Read(farPath);
    var (micSamples, micRate) = WaveFile.Read(micPath);
    if (farRate != micRate || (rate != 0 && rate != micRate))
    {
        Console.Error.WriteLine($"sample rates differ: far {farRate} Hz, mic {micRate} Hz, --rate {rate}");
        return 2;
    }

    var tuning = new EchoCancellerTuning();
    ApplyTuning(tuning, Environment.GetEnvironmentVariable("AEC_TUNE"));
    var canceller = new EchoCanceller(new EchoCancellerOptions { SampleRateHz = micRate }, tuning);
    int frame = canceller.FrameSamples;
    int frames = (micSamples.Length + frame - 1) / frame;
    var far = new short[frames * frame];
    var mic = new short[frames * frame];
    farSamples.AsSpan(0, Math.Min(farSamples.Length, far.Length)).CopyTo(far);
    micSamples.CopyTo(mic, 0);
    var output = new short[frames * frame];
    var ticks = new long[frames];
    string? linearPath = Environment.GetEnvironmentVariable("AEC_LINEAR_OUT");
    var linear = new short[frames * frame];
    string? tracePath = Environment.GetEnvironmentVariable("AEC_TRACE");
    var trace = new System.Text.StringBuilder();
    string? spectralPath = Environment.GetEnvironmentVariable("AEC_SPECTRA");
    using BinaryWriter? spectralWriter = spectralPath is null ? null : new BinaryWriter(File.Create(spectralPath));
    for (int f = 0; f < frames; f++)
    {
        int start = f * frame;
        long before = ThreadClock.Nanoseconds();
        canceller.Process(far.AsSpan(start, frame), mic.AsSpan(start, frame), output.AsSpan(start, frame));
        ticks[f] = ThreadClock.Nanoseconds() - before;
        if (tracePath is not null)
        {
            var (predicted, observed, fg, bg, micE, copies, delay, confidence, drift) = canceller.MainResidualTrace;
            trace.Append(CultureInfo.InvariantCulture, $"{f * 0.01:F2} {predicted:E3} {observed:E3} {canceller.FilterAlignment.TotalMilliseconds} {fg:E3} {bg:E3} {micE:E3} {copies} {delay} {confidence:F3} {drift:F1}\n");
        }

        if (spectralWriter is not null)
        {
            foreach (float[] array in canceller.SpectralTrace())
            {
                foreach (float value in array.AsSpan(0, frame + 1))
                {
                    spectralWriter.Write(value);
                }
            }
        }

        if (linearPath is not null)
        {
            ReadOnlySpan<float> e = canceller.LinearError;
            for (int n = 0; n < frame; n++)
            {
                linear[start + n] = (short)Math.Clamp(e[n] * 32768f, -32768f, 32767f);
            }
        }
    }

    WaveFile.Write(outPath, output.AsSpan(0, micSamples.Length), micRate);
    if (tracePath is not null)
    {
        File.WriteAllText(tracePath, trace.ToString());
    }

    if (linearPath is not null)
    {
        WaveFile.Write(linearPath, linear.AsSpan(0, micSamples.Length), micRate);
    }

    // Cost of the clock reads themselves, subtracted (median of empty measurements).
    var empty = new long[1000];
    for (int i = 0; i < empty.Length; i++)
    {
        long before = ThreadClock.Nanoseconds();
        empty[i] = ThreadClock.Nanoseconds() - before;
    }

    Array.Sort(empty);
    Array.Sort(ticks);
    double overhead = empty[empty.Length / 2];
    double median = Math.Max(0, ticks[frames / 2] - overhead) / 1000.0;
    double p99 = Math.Max(0, ticks[Math.Min(frames - 1, (int)(frames * 0.99))] - overhead) / 1000.0;
    Console.Error.WriteLine(
        $"delay estimate {canceller.EstimatedEchoDelay?.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) ?? "none"} ms, " +
        $"alignment {canceller.FilterAlignment.TotalMilliseconds} ms, drift {canceller.ClockDriftPartsPerMillion:F1} ppm, {canceller.Statistics}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"AEC_STATS cpu_us_per_10ms_median={median:F1} cpu_us_per_10ms_p99={p99:F1}"));
    return 0;
}
catch (Exception exception) when (exception is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}

static void ApplyTuning(EchoCancellerTuning tuning, string? text)
{
    if (string.IsNullOrEmpty(text))
    {
        return;
    }

    foreach (string pair in text.Split(','))
    {
        string[] parts = pair.Split('=');
        PropertyInfo property = typeof(EchoCancellerTuning).GetProperty(parts[0]) ?? throw new ArgumentException($"no tuning {parts[0]}");
        property.SetValue(tuning, Convert.ChangeType(parts[1], property.PropertyType, CultureInfo.InvariantCulture));
    }
}
