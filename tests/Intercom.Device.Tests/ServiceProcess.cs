using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Intercom.Device.Tests;

/// <summary>A started <c>intercom</c> process whose output lines are collected; killed on dispose.</summary>
internal sealed partial class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _error = new();

    private ServiceProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, args) => { if (args.Data is not null) _output.Enqueue(args.Data); };
        _process.ErrorDataReceived += (_, args) => { if (args.Data is not null) _error.Enqueue(args.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string Output => string.Join('\n', _output);

    public string Error => string.Join('\n', _error);

    /// <summary>The service on <paramref name="configuration"/> with any free HTTP/HTTPS ports and the systemd unit's environment.</summary>
    public static ServiceProcess StartService(string configuration) => Start(
        RepositoryPaths.ServiceExecutable, ["--config", configuration, "--http-port", "0", "--https-port", "0"], new Dictionary<string, string>(RepositoryPaths.ServiceEnvironment));

    public static ServiceProcess Start(string executable, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The service must not inherit a notify socket or watchdog from whatever runs the tests.
        start.Environment.Remove("NOTIFY_SOCKET");
        start.Environment.Remove("WATCHDOG_USEC");
        start.Environment.Remove("WATCHDOG_PID");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new ServiceProcess(Process.Start(start) ?? throw new InvalidOperationException($"cannot start {executable}"));
    }

    /// <summary>Waits for an output line matching <paramref name="pattern"/>; returns the match.</summary>
    public async Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            foreach (var line in _output)
            {
                var match = pattern.Match(line);
                if (match.Success)
                {
                    return match;
                }
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"no line matching {pattern} within {timeout}\nstdout:\n{Output}\nstderr:\n{Error}");
    }

    /// <summary>Waits for the process to exit; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the process did not exit within {timeout}\nstdout:\n{Output}\nstderr:\n{Error}");
        }

        // The parameterless wait also drains the redirected output.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as systemd does on stop.</summary>
    public void Terminate()
    {
        const int SignalTerminate = 15;
        Assert.Equal(0, Kill(_process.Id, SignalTerminate));
    }

    /// <summary>Sends SIGKILL: the process gets no chance to finish what it is writing. Safe from any thread.</summary>
    public void KillHard()
    {
        const int SignalKill = 9;
        _ = Kill(_process.Id, SignalKill);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int processId, int signal);

    [GeneratedRegex(@"Status: (https://\S+)/api/v1/status")]
    public static partial Regex StatusLine();

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
