using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Intercom.Audio.Tests.Qemu;

/// <summary>
/// Our ALSA binding and audio engine against real kernel sound drivers: tools/qemu-sound/run.sh boots the stock
/// Debian kernel under qemu-system-x86_64 (software emulation, no network device) with snd-dummy and snd-aloop,
/// and runs Intercom.Tools.SoundCheck (built with these tests) inside. About 20–40 s.
/// </summary>
[Collection(QemuGuestGroup.Name)]
public sealed class QemuSoundTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(4);
    private readonly ITestOutputHelper _output;

    public QemuSoundTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task KernelDrivers_PacedCaptureLoopbackOverrunAndUnplug_AllPass()
    {
        var script = Path.Combine(RepositoryRoot(), "tools", "qemu-sound", "run.sh");
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     script, "--app-dir", AppContext.BaseDirectory,
                     "--runtime-dir", RuntimeEnvironment.GetRuntimeDirectory(),
                     "--timeout", ((int)s_timeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("bash did not start");
        var console = new StringBuilder();
        process.OutputDataReceived += (_, line) => Append(console, line.Data);
        process.ErrorDataReceived += (_, line) => Append(console, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        try
        {
            using var cancellation = new CancellationTokenSource(s_timeout + TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(cancellation.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        string text;
        lock (console)
        {
            text = console.ToString();
        }

        var results = text.Split('\n').Where(line => line.StartsWith("SOUNDCHECK", StringComparison.Ordinal)).ToList();
        _output.WriteLine(string.Join('\n', results));
        Assert.True(results.Count > 0, "the guest printed no SOUNDCHECK line:\n" + text[Math.Max(0, text.Length - 4000)..]);
        Assert.Contains(results, line => line.StartsWith("SOUNDCHECK paced_capture PASS", StringComparison.Ordinal));
        Assert.Contains(results, line => line.StartsWith("SOUNDCHECK loopback PASS", StringComparison.Ordinal));
        Assert.Contains(results, line => line.StartsWith("SOUNDCHECK overrun_recovery PASS", StringComparison.Ordinal));
        Assert.Contains(results, line => line.StartsWith("SOUNDCHECK unplug_replug PASS", StringComparison.Ordinal));
        Assert.Contains("SOUNDCHECK DONE passed=4 failed=0", results);
        Assert.Equal(0, process.ExitCode);
    }

    private static void Append(StringBuilder console, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (console)
        {
            console.Append(line.TrimEnd('\r')).Append('\n');
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Intercom.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Intercom.sln not found above " + AppContext.BaseDirectory);
    }
}
