using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Intercom.Device.Tests;

/// <summary>
/// deploy.sh --stage builds the Pi bundle; the arm64 service then runs under qemu-aarch64-static (Debian
/// qemu-user-static with Debian's multiarch arm64 libc, libstdc++ and OpenSSL, as on a Pi) in simulation mode.
/// One test, because publishing and emulation are slow.
/// </summary>
public sealed class DeployBundleTests
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan EmulatedStartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StagedBundle_Arm64ServiceUnderQemu_ServesStatusAndStopsOnSigterm()
    {
        using var directory = new TemporaryDirectory();
        var bundle = Path.Combine(directory.Path, "bundle");

        using (var deploy = ServiceProcess.Start("bash", [Path.Combine(RepositoryPaths.Root, "deploy.sh"), "--stage", bundle]))
        {
            Assert.True(await deploy.WaitForExitAsync(PublishTimeout) == 0, $"deploy.sh failed:\n{deploy.Output}\n{deploy.Error}");
        }

        var unit = await File.ReadAllTextAsync(Path.Combine(bundle, "etc/systemd/system/intercom.service"), TestContext.Current.CancellationToken);
        foreach (var line in new[]
        {
            "Type=notify", "WatchdogSec=10", "Restart=always", "User=intercom", "SupplementaryGroups=gpio audio",
            "AmbientCapabilities=CAP_SYS_NICE", "DeviceAllow=char-gpiochip rw", "DeviceAllow=char-alsa rw",
            "ExecStartPre=/opt/intercom/intercom --outputs-safe --config /etc/intercom/intercom.json",
            "ExecStopPost=/opt/intercom/intercom --outputs-safe --config /etc/intercom/intercom.json",
        })
        {
            Assert.Contains(line + "\n", unit, StringComparison.Ordinal);
        }

        Assert.Contains("RuntimeWatchdogSec=", await File.ReadAllTextAsync(Path.Combine(bundle, "etc/systemd/system.conf.d/intercom-watchdog.conf"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(AtomicModeOwnerOnly, File.GetUnixFileMode(Path.Combine(bundle, "etc/intercom/intercom.json.example")));

        var executable = Path.Combine(bundle, "opt/intercom/intercom");
        Assert.Equal(ElfMachineAarch64, ReadElfMachine(executable));

        var (configuration, token) = TestApiAccess.WriteConfiguration(directory);
        using var notify = NotifySocketListener.AtPath();
        var started = Stopwatch.StartNew();
        using var service = ServiceProcess.Start(
            "qemu-aarch64-static",
            [executable, "--config", configuration, "--http-port", "0", "--https-port", "0"],
            new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify.Address });

        await notify.ReceiveUntilAsync("READY=1", EmulatedStartTimeout);
        var readyAfter = started.Elapsed;
        var baseAddress = (await service.WaitForOutputAsync(ServiceProcess.StatusLine(), StepTimeout)).Groups[1].Value;
        var fingerprint = (await service.WaitForOutputAsync(TestApiAccess.FingerprintLine(), StepTimeout)).Groups[1].Value;
        using var http = TestApiAccess.CreateClient(baseAddress, token, fingerprint, StepTimeout);
        using (var response = await http.GetAsync(new Uri("api/v1/status", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var status = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            Assert.True(status.GetProperty("simulated").GetBoolean());
            Assert.True(status.GetProperty("health").GetProperty("healthy").GetBoolean());
            Assert.Equal(5, status.GetProperty("inputs").GetArrayLength());
        }

        service.Terminate();
        Assert.Equal(0, await service.WaitForExitAsync(StepTimeout));
        Assert.Contains("Outputs driven to their off levels: 5", service.Output, StringComparison.Ordinal);
        TestContext.Current.SendDiagnosticMessage($"arm64 service under qemu: READY after {readyAfter.TotalSeconds:F1} s");
    }

    private const UnixFileMode AtomicModeOwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const ushort ElfMachineAarch64 = 183;

    private static ushort ReadElfMachine(string path)
    {
        // ELF header: magic at 0, e_machine (little-endian) at offset 18.
        Span<byte> header = stackalloc byte[20];
        using var file = File.OpenRead(path);
        file.ReadExactly(header);
        Assert.True(header[..4].SequenceEqual("\u007fELF"u8), $"{path} is not an ELF file");
        return (ushort)(header[18] | (header[19] << 8));
    }
}
