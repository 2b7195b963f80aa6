namespace Intercom.Device.Tests;

/// <summary>The shipped systemd unit passes systemd's own checker (Debian package systemd).</summary>
public sealed class SystemdUnitTests
{
    [Fact]
    public async Task Unit_SystemdAnalyzeVerify_FindsNothingButTheAbsentProgram()
    {
        using var directory = new TemporaryDirectory();
        var unit = directory.File("intercom.service");
        File.Copy(Path.Combine(RepositoryPaths.Root, "deploy", "intercom.service"), unit);

        using var verify = ServiceProcess.Start("systemd-analyze", ["verify", unit]);
        await verify.WaitForExitAsync(TimeSpan.FromSeconds(60));

        // The program is installed only on a Pi; any other line (unknown key, bad value) is a mistake in the unit.
        var complaints = (verify.Output + "\n" + verify.Error)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.Contains("/opt/intercom/intercom is not executable", StringComparison.Ordinal))
            .ToArray();
        Assert.Empty(complaints);
    }
}
