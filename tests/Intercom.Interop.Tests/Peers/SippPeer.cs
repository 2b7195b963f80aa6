namespace Intercom.Interop.Tests.Peers;

/// <summary>
/// sipp (Debian package sip-tester) running one scenario file on a free loopback port: as UAS waiting for our
/// calls, or as UAC calling us. The exit code says whether every call of the scenario succeeded.
/// </summary>
public sealed class SippPeer : IAsyncDisposable
{
    private readonly PeerProcess _process;
    private readonly TempDirectory _directory;

    private SippPeer(PeerProcess process, TempDirectory directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    /// <summary>The port sipp listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>The process (output, exit).</summary>
    public PeerProcess Process => _process;

    /// <summary>Starts sipp as UAS with a scenario (sipp waits for one call).</summary>
    public static SippPeer StartServer(string scenarioPath, string transport = "u1", IEnumerable<string>? extraArguments = null) =>
        Start(scenarioPath, null, transport, extraArguments);

    /// <summary>Starts sipp as UAC calling <paramref name="target"/> (host:port) with <paramref name="service"/> as Request-URI user.</summary>
    public static SippPeer StartClient(string scenarioPath, string target, string service, string transport = "u1", IEnumerable<string>? extraArguments = null) =>
        Start(scenarioPath, target, transport, ["-s", service, .. extraArguments ?? []]);

    /// <summary>
    /// Starts sipp as UAC with media on a free port pair (<c>-mp</c>, so <c>[media_port]</c> in the scenario is free)
    /// and extra files beside the scenario (e.g. a pcap for <c>play_pcap_audio</c>, named relative to it).
    /// </summary>
    public static SippPeer StartClientWithMedia(string scenarioPath, string target, string service, IReadOnlyDictionary<string, byte[]> files)
    {
        int mediaPort = FreePort.NextEvenPair();
        return Start(scenarioPath, target, "u1", ["-s", service, "-mi", "127.0.0.1", "-mp", mediaPort.ToString(System.Globalization.CultureInfo.InvariantCulture)], files);
    }

    /// <summary>Waits for sipp to finish its one call; returns the exit code (0: all calls succeeded).</summary>
    public Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => _process.WaitForExitAsync(timeout, cancellationToken);

    /// <summary>Text of the error log sipp wrote (unexpected messages), or empty.</summary>
    public string ErrorLog => string.Join('\n', Directory.GetFiles(_directory.Path, "*_errors.log").Select(File.ReadAllText));

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        _directory.Dispose();
    }

    private static SippPeer Start(string scenarioPath, string? target, string transport, IEnumerable<string>? extraArguments, IReadOnlyDictionary<string, byte[]>? files = null)
    {
        var directory = new TempDirectory("sipp-");
        foreach (KeyValuePair<string, byte[]> file in files ?? new Dictionary<string, byte[]>())
        {
            File.WriteAllBytes(directory.File(file.Key), file.Value);
        }

        int port = FreePort.Next();
        var arguments = new List<string>
        {
            "-sf", scenarioPath,
            "-i", "127.0.0.1",
            "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-t", transport,
            "-m", "1",
            "-nostdin",
            "-trace_err",
            "-timeout", "30s",
            "-timeout_error",
            "-max_socket", "10",
        };
        arguments.AddRange(extraArguments ?? []);
        if (target is not null)
        {
            arguments.Add(target);
        }

        // sipp writes its logs next to the scenario: work on a copy inside the temp directory.
        string copy = Path.Combine(directory.Path, Path.GetFileName(scenarioPath));
        File.Copy(scenarioPath, copy);
        arguments[1] = copy;
        PeerProcess process = PeerProcess.Start("sipp", "sipp", arguments, directory.Path);
        return new SippPeer(process, directory, port);
    }
}
