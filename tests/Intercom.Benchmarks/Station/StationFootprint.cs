using System.Diagnostics;
using System.Globalization;
using Intercom.Audio;
using Intercom.Hardware.Configuration;
using Intercom.Interop.Tests.Peers;
using Intercom.Media.Codecs;
using Intercom.Station.Configuration;

namespace Intercom.Benchmarks.Station;

/// <summary>
/// The service's memory and CPU for one call, next to baresip doing the same call on the same machine in the same run:
/// the real <c>intercom</c> process (Release build, simulated GPIO and sound card) calls an
/// auto-answering baresip directly; the anchor is a baresip caller placing the same call to another auto-answering
/// baresip. Each callee's microphone file lasts the call length, so both calls last the same time. The service runs
/// twice: with the echo canceller and noise suppressor on (as shipped) and off (what baresip does in the anchor).
/// Reported per process: peak RSS during the call, CPU time during the call, CPU time in the same length of idle
/// before it (the service's audio engine runs all the time, a call or not).
/// Run: <c>dotnet build firmware/Intercom.Device -c Release</c>, then
/// <c>dotnet run -c Release --project tests/Intercom.Benchmarks -- station-footprint [seconds]</c>.
/// </summary>
internal static class StationFootprint
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux (x86-64 and arm64)
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var service = FindService();
        if (service is null)
        {
            await Console.Error.WriteLineAsync("station-footprint: build the service first: dotnet build firmware/Intercom.Device -c Release");
            return 2;
        }

        var ours = await MeasureServiceAsync(service, seconds, processing: true);
        var plain = await MeasureServiceAsync(service, seconds, processing: false);

        await using var dave = await BaresipPeer.StartAsync("<sip:dave@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMA", seconds);
        await using var carol = await BaresipPeer.StartAsync("<sip:carol@127.0.0.1>;regint=0;audio_codecs=PCMA", seconds + 30);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var anchor = await MeasureAsync(carol.Process.Id, seconds, async () =>
        {
            await carol.CommandAsync("dial", $"sip:dave@127.0.0.1:{dave.SipPort}");
            await dave.WaitForEventAsync("CALL_ESTABLISHED", Deadline);
        }, () => dave.WaitForEventAsync("CALL_CLOSED", TimeSpan.FromSeconds(seconds + 20)));

        Console.WriteLine($"one {seconds} s call (PCMA, loopback), {Environment.ProcessorCount} cores");
        Console.WriteLine(anchor.Line("anchor: baresip 1.0 calling baresip"));
        Console.WriteLine(ours.Line("intercom service (AEC, NS on) calling baresip"));
        Console.WriteLine(plain.Line("intercom service (AEC, NS off) calling baresip"));
        Console.WriteLine(Ratios("AEC, NS on", ours, anchor));
        Console.WriteLine(Ratios("AEC, NS off", plain, anchor));
        return 0;
    }

    private static string Ratios(string name, Footprint ours, Footprint anchor) => string.Create(CultureInfo.InvariantCulture,
        $"ratios intercom ({name}) / baresip: peak RSS {ours.PeakRssMebibytes / anchor.PeakRssMebibytes:F1}, CPU per call {ours.CallCpu.TotalMilliseconds / Math.Max(1, anchor.CallCpu.TotalMilliseconds):F1}, " +
        $"CPU per call above idle {ours.CallCpuAboveIdle.TotalMilliseconds / Math.Max(1, anchor.CallCpuAboveIdle.TotalMilliseconds):F1}");

    /// <summary>
    /// One call of the real service to an auto-answering baresip; <paramref name="processing"/> switches the echo
    /// canceller and noise suppressor (baresip in the anchor runs neither).
    /// </summary>
    private static async Task<Footprint> MeasureServiceAsync(string service, int seconds, bool processing)
    {
        using var directory = new TempDirectory("station-footprint-");
        await using var bob = await BaresipPeer.StartAsync("<sip:bob@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMA", seconds);
        var options = Options($"sip:bob@127.0.0.1:{bob.SipPort}");
        options.Audio.EchoCancellationEnabled = processing;
        options.Audio.NoiseSuppressionEnabled = processing;
        await using var api = await Intercom.Interop.Tests.Station.ServiceApi.StartAsync(service, options, directory, Deadline, CancellationToken.None);
        var http = api.Http;
        await Task.Delay(TimeSpan.FromSeconds(3)); // start-up work (JIT, first allocations) out of the idle window
        return await MeasureAsync(api.Process.Id, seconds, async () =>
        {
            (await http.PostAsync(new Uri("api/v1/inputs/door/press", UriKind.Relative), null)).EnsureSuccessStatusCode();
            await bob.WaitForEventAsync("CALL_ESTABLISHED", Deadline);
        }, () => bob.WaitForEventAsync("CALL_CLOSED", TimeSpan.FromSeconds(seconds + 20)));
    }

    private static async Task<Footprint> MeasureAsync(int pid, int seconds, Func<Task> startCall, Func<Task> callEnded)
    {
        var idleStart = Cpu(pid);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var idle = Cpu(pid) - idleStart;
        var idleRss = RssMebibytes(pid);
        var callStart = Cpu(pid);
        var wall = Stopwatch.StartNew();
        await startCall();
        var ended = callEnded();
        var peak = 0.0;
        while (!ended.IsCompleted)
        {
            peak = Math.Max(peak, RssMebibytes(pid));
            await Task.WhenAny(ended, Task.Delay(200));
        }

        await ended;
        var call = Cpu(pid) - callStart;
        var callTime = wall.Elapsed;
        // Idle CPU scaled to the call's wall time: what the process would have used anyway.
        var idleForCall = idle * (callTime / TimeSpan.FromSeconds(seconds));
        return new Footprint(idleRss, peak, idle, call, callTime, call - idleForCall);
    }

    private static TimeSpan Cpu(int pid)
    {
        // /proc/PID/stat: fields 14 and 15 (utime, stime) after the ")" that closes the command name.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
    }

    private static double RssMebibytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }

    private static string? FindService()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "firmware", "Intercom.Device", "bin", "Release", "net10.0", "intercom");
            if (File.Exists(Path.Combine(directory.FullName, "Intercom.sln")))
            {
                return File.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }

    private static IntercomOptions Options(string target) => new()
    {
        Hardware = new HardwareOptions
        {
            Gpio = new GpioOptions { Driver = GpioDriverKind.Simulated },
            Inputs = [new InputOptions { Name = "door", Kind = InputKind.DoorButton, Channel = "button1" }],
            Relays = [new RelayOptions { Name = "strike", Channel = "relay1" }],
        },
        Sip = new SipOptions { BindAddress = "127.0.0.1", UdpPort = 0, TcpPort = 0 },
        Media = new Intercom.Station.Calls.CallMediaOptions { Codecs = [AudioCodec.G722, AudioCodec.Pcma, AudioCodec.Pcmu], LocalAddress = "127.0.0.1" },
        Audio = new AudioOptions { Backend = AudioBackend.Simulated, SimulatedMicrophoneToneHz = 440, RealtimePriority = 0 },
        Station = new StationOptions { Buttons = [new ButtonOptions { Input = "door", Targets = [new CallTargetOptions { Target = target }] }] },
        Storage = new StorageOptions { StateDirectory = "state" },
    };

    private sealed record Footprint(double IdleRssMebibytes, double PeakRssMebibytes, TimeSpan IdleCpu, TimeSpan CallCpu, TimeSpan CallTime, TimeSpan CallCpuAboveIdle)
    {
        public string Line(string name) => string.Create(CultureInfo.InvariantCulture,
            $"{name,-47} RSS idle {IdleRssMebibytes,6:F1} MiB, peak in call {PeakRssMebibytes,6:F1} MiB; CPU in the {CallTime.TotalSeconds:F1} s call {CallCpu.TotalMilliseconds,6:F0} ms " +
            $"(idle before it: {IdleCpu.TotalMilliseconds,6:F0} ms in as long), above idle {CallCpuAboveIdle.TotalMilliseconds,6:F0} ms");
    }
}
