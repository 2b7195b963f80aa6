using System.Globalization;
using Intercom.Interop.Tests.Peers;

namespace Intercom.Interop.Tests.Hardening;

/// <summary>
/// sipp sending one scenario message per call at a fixed rate (<c>-r</c>) from a chosen loopback address, for a
/// bounded number of messages and a bounded time; killed on dispose. It does not wait for answers.
/// </summary>
internal sealed class SippFlood : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private SippFlood(PeerProcess process, TempDirectory directory, int messages)
    {
        Process = process;
        _directory = directory;
        Messages = messages;
    }

    public PeerProcess Process { get; }

    /// <summary>Messages this flood sends in all.</summary>
    public int Messages { get; }

    public static SippFlood Start(string scenario, string sourceAddress, string target, int ratePerSecond, TimeSpan duration)
    {
        var directory = new TempDirectory("flood-");
        string copy = directory.File(scenario);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Hardening", "Scenarios", scenario), copy);
        int messages = (int)(ratePerSecond * duration.TotalSeconds);
        string[] arguments =
        [
            "-sf", copy,
            "-i", sourceAddress,
            "-p", FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "-t", "u1",
            "-s", "door",
            "-r", ratePerSecond.ToString(CultureInfo.InvariantCulture),
            "-rp", "1000",
            "-m", messages.ToString(CultureInfo.InvariantCulture),
            "-l", messages.ToString(CultureInfo.InvariantCulture),
            "-nostdin",
            "-timeout", ((int)duration.TotalSeconds + 20).ToString(CultureInfo.InvariantCulture) + "s",
            target,
        ];
        return new SippFlood(PeerProcess.Start("sipp flood", "sipp", arguments, directory.Path), directory, messages);
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        _directory.Dispose();
    }
}
