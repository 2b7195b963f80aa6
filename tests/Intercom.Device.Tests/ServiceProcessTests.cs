using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Intercom.Device.Tests;

/// <summary>The real <c>intercom</c> executable, started in simulation with a test notify socket.</summary>
public sealed partial class ServiceProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    private static string CopyDemoConfiguration(TemporaryDirectory directory)
    {
        var path = directory.File("intercom.json");
        File.Copy(RepositoryPaths.DemoConfiguration, path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    private static async Task<JsonElement> GetStatusAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("api/v1/status", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    private static JsonElement Named(JsonElement status, string collection, string name) =>
        status.GetProperty(collection).EnumerateArray().Single(item => item.GetProperty("name").GetString() == name);

    [Fact]
    public async Task Service_InSimulation_NotifiesReadyServesStatusAndStopsCleanly()
    {
        using var directory = new TemporaryDirectory();
        using var notify = NotifySocketListener.AtPath();
        var (configuration, token) = TestApiAccess.WriteConfiguration(directory);
        using var service = ServiceProcess.Start(
            RepositoryPaths.ServiceExecutable,
            ["--config", configuration, "--http-port", "0", "--https-port", "0"],
            new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify.Address, ["WATCHDOG_USEC"] = "400000" });

        var beforeReady = await notify.ReceiveUntilAsync("READY=1", StartTimeout);
        var baseAddress = (await service.WaitForOutputAsync(ServiceProcess.StatusLine(), StepTimeout)).Groups[1].Value;
        var fingerprint = (await service.WaitForOutputAsync(TestApiAccess.FingerprintLine(), StepTimeout)).Groups[1].Value;
        using var http = TestApiAccess.CreateClient(baseAddress, token, fingerprint, StepTimeout);
        using (var anonymous = await new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }).GetAsync(new Uri(baseAddress + "/api/v1/status"), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        Assert.DoesNotContain(beforeReady, message => message.Contains("STOPPING=1", StringComparison.Ordinal));

        var status = await GetStatusAsync(http);
        Assert.True(status.GetProperty("simulated").GetBoolean());
        Assert.True(status.GetProperty("health").GetProperty("healthy").GetBoolean());
        Assert.Equal(0, Named(status, "inputs", "door").GetProperty("activationCount").GetInt64());
        Assert.False(Named(status, "relays", "strike").GetProperty("on").GetBoolean());

        using (var press = await http.PostAsync(new Uri("api/v1/inputs/door/press", UriKind.Relative), null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Accepted, press.StatusCode);
        }

        await service.WaitForOutputAsync(InputDoorActive(), StepTimeout);
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (Named(await GetStatusAsync(http), "inputs", "door").GetProperty("activationCount").GetInt64() != 1)
        {
            Assert.True(deadline.Elapsed < StepTimeout, "the press never showed in the status");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        using (var pulse = await http.PostAsync(new Uri("api/v1/relays/strike/pulse", UriKind.Relative), null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, pulse.StatusCode);
        }

        Assert.True(Named(await GetStatusAsync(http), "relays", "strike").GetProperty("on").GetBoolean());
        using (var unknown = await http.PostAsync(new Uri("api/v1/relays/nope/pulse", UriKind.Relative), null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        await notify.ReceiveUntilAsync("WATCHDOG=1", StepTimeout);

        service.Terminate();
        await notify.ReceiveUntilAsync("STOPPING=1", StepTimeout);
        Assert.Equal(0, await service.WaitForExitAsync(StepTimeout));
        Assert.Contains("Outputs driven to their off levels: 5", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_BadConfiguration_ExitsWithExConfigNamingFieldAndFix()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("intercom.json");
        await File.WriteAllTextAsync(
            path,
            """{ "hardware": { "relays": [ { "name": "strike", "pin": 17, "pulseDuration": "00:00:30", "maximumOnTime": "00:00:10" } ] } }""",
            TestContext.Current.CancellationToken);
        using var service = ServiceProcess.Start(RepositoryPaths.ServiceExecutable, ["--config", path]);

        Assert.Equal(78, await service.WaitForExitAsync(StartTimeout));
        Assert.Contains("hardware.relays[0].pulseDuration: 00:00:30 is longer than maximumOnTime (00:00:10); shorten pulseDuration or raise maximumOnTime", service.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutputsSafe_DemoConfiguration_DrivesEveryOutputOffAndExits()
    {
        using var directory = new TemporaryDirectory();
        using var service = ServiceProcess.Start(RepositoryPaths.ServiceExecutable, ["--config", CopyDemoConfiguration(directory), "--outputs-safe"]);

        Assert.Equal(0, await service.WaitForExitAsync(StartTimeout));
        Assert.Contains("intercom: 5 outputs driven off: GPIO 17 low, GPIO 27 low, GPIO 22 low, GPIO 23 low, GPIO 25 low", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_GpioChipLabelAbsent_ExitsUnavailableNamingTheChip()
    {
        // config/intercom.json asks libgpiod for the Pi 4 header chip, which this machine does not have.
        using var service = ServiceProcess.Start(RepositoryPaths.ServiceExecutable, ["--config", RepositoryPaths.DeviceConfiguration]);

        Assert.Equal(69, await service.WaitForExitAsync(StartTimeout));
        Assert.Contains("intercom: hardware.gpio", service.Error, StringComparison.Ordinal);
        // Valid but never ran: not a configuration to fall back on.
        Assert.False(File.Exists(RepositoryPaths.DeviceConfiguration + ".last-good"));
    }

    [Fact]
    public async Task CheckConfig_ShippedDeviceConfiguration_IsValid()
    {
        using var service = ServiceProcess.Start(RepositoryPaths.ServiceExecutable, ["--check-config", "--config", RepositoryPaths.DeviceConfiguration]);

        Assert.Equal(0, await service.WaitForExitAsync(StartTimeout));
        Assert.Contains("is valid", service.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Input door \(DoorButton\) active")]
    private static partial Regex InputDoorActive();
}
