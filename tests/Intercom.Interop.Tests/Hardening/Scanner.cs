using Intercom.Interop.Tests.Peers;

namespace Intercom.Interop.Tests.Hardening;

/// <summary>
/// Runs one sipvicious tool (svmap, svwar, svcrack from the Debian package <c>sipvicious</c>) from a chosen loopback
/// source address against a target and returns what it printed. HOME points into a temp directory so its session
/// files stay out of the user's home; the run is bounded and the process killed on timeout.
/// </summary>
internal static class Scanner
{
    public static async Task<string> RunAsync(string tool, string sourceAddress, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var home = new TempDirectory("sipvicious-");
        string[] command = ["HOME=" + home.Path, tool, "-b", sourceAddress, .. arguments];
        await using PeerProcess scan = PeerProcess.Start(tool, "env", command, home.Path);
        int exit = await scan.WaitForExitAsync(timeout, cancellationToken);
        Assert.True(exit == 0, $"{tool} exited with {exit}:\n{scan.Output}");
        return scan.Output;
    }
}
