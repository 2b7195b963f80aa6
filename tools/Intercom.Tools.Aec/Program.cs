using System.Globalization;
using Intercom.Audio.Processing;
using Intercom.Tools.Aec;

// aec --far FAR.wav --mic MIC.wav --out OUT.wav --rate 16000|48000
// Runs the audio thread's capture processing (EchoCanceller) frame by frame in real-time order and prints the
// per-frame cost measured in-process: thread CPU time around Process only, clock overhead subtracted.
string? farPath = null, micPath = null, outPath = null;
int rate = 0;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--far": farPath = args[i + 1]; break;
        case "--mic": micPath = args[i + 1]; break;
        case "--out": outPath = args[i + 1]; break;
        case "--rate":
            if (!int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out rate))
            {
                Console.Error.WriteLine($"--rate {args[i + 1]}: a sample rate in Hz, e.g. 16000 or 48000");
                return 2;
            }

            break;
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

    var canceller = new EchoCanceller(new EchoCancellerOptions { SampleRateHz = micRate });
    int frame = canceller.FrameSamples;
    int frames = (micSamples.Length + frame - 1) / frame;
    var far = new short[frames * frame];
    var mic = new short[frames * frame];
    farSamples.AsSpan(0, Math.Min(farSamples.Length, far.Length)).CopyTo(far);
    micSamples.CopyTo(mic, 0);
    var output = new short[frames * frame];
    var nanoseconds = new long[frames];
    for (int f = 0; f < frames; f++)
    {
        int start = f * frame;
        long before = ThreadClock.Nanoseconds();
        canceller.Process(far.AsSpan(start, frame), mic.AsSpan(start, frame), output.AsSpan(start, frame));
        nanoseconds[f] = ThreadClock.Nanoseconds() - before;
    }

    WaveFile.Write(outPath, output.AsSpan(0, micSamples.Length), micRate);

    // Cost of the clock reads themselves (median of empty measurements), subtracted.
    var empty = new long[1000];
    for (int i = 0; i < empty.Length; i++)
    {
        long before = ThreadClock.Nanoseconds();
        empty[i] = ThreadClock.Nanoseconds() - before;
    }

    Array.Sort(empty);
    Array.Sort(nanoseconds);
    double overhead = empty[empty.Length / 2];
    double median = Math.Max(0, nanoseconds[frames / 2] - overhead) / 1000.0;
    double p99 = Math.Max(0, nanoseconds[Math.Min(frames - 1, (int)(frames * 0.99))] - overhead) / 1000.0;
    Console.Error.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"echo delay {canceller.EstimatedEchoDelay?.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) ?? "not found"} ms, " +
        $"filter alignment {canceller.FilterAlignment.TotalMilliseconds} ms, clock drift {canceller.ClockDriftPartsPerMillion:F1} ppm, {canceller.Statistics}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"AEC_STATS cpu_us_per_10ms_median={median:F1} cpu_us_per_10ms_p99={p99:F1}"));
    return 0;
}
catch (Exception exception) when (exception is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}
