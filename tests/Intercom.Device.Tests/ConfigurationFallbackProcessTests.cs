using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Intercom.Device.Tests;

/// <summary>
/// The real <c>intercom</c> process with a configuration file gone bad: it runs on the last good copy, says so in its
/// log, in <c>GET /api/v1/status</c> and in <c>/metrics</c>, and <c>--outputs-safe</c> still finds the relay pins.
/// </summary>
public sealed partial class ConfigurationFallbackProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);
    private static readonly UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Service_CorruptConfigurationAfterAGoodBoot_RunsOnLastGoodAndWarnsInStatusLogAndMetrics()
    {
        using var directory = new TemporaryDirectory();
        var (configuration, token) = TestApiAccess.WriteConfiguration(directory);
        var good = await File.ReadAllTextAsync(configuration, TestContext.Current.CancellationToken);
        var lastGood = configuration + ".last-good";
        using (var first = ServiceProcess.StartService(configuration))
        {
            await first.WaitForOutputAsync(ServiceProcess.StatusLine(), StartTimeout);
            first.Terminate();
            Assert.Equal(0, await first.WaitForExitAsync(StepTimeout));
        }

        Assert.Equal(good, await File.ReadAllTextAsync(lastGood, TestContext.Current.CancellationToken));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(lastGood));

        // A power cut on a file system without atomic rename, or a hand edit: the file ends half way.
        var truncated = good[..(good.Length / 2)];
        await File.WriteAllTextAsync(configuration, truncated, TestContext.Current.CancellationToken);
        using var service = ServiceProcess.StartService(configuration);

        var baseAddress = (await service.WaitForOutputAsync(ServiceProcess.StatusLine(), StartTimeout)).Groups[1].Value;
        var fingerprint = (await service.WaitForOutputAsync(TestApiAccess.FingerprintLine(), StepTimeout)).Groups[1].Value;
        using var http = TestApiAccess.CreateClient(baseAddress, token, fingerprint, StepTimeout);
        var status = await http.GetFromJsonAsync<JsonElement>(new Uri("api/v1/status", UriKind.Relative), TestContext.Current.CancellationToken);
        var warning = Assert.Single(status.GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.StartsWith($"running on the last good configuration: {configuration} was refused: ", warning, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", warning, StringComparison.Ordinal);
        Assert.Contains($"kept as {configuration}.rejected", warning, StringComparison.Ordinal);

        var logged = await service.WaitForOutputAsync(RefusedLine(), StepTimeout);
        Assert.Contains(configuration, logged.Value, StringComparison.Ordinal);
        Assert.Contains($"{configuration}.rejected", logged.Value, StringComparison.Ordinal);
        Assert.Contains(lastGood, logged.Value, StringComparison.Ordinal);
        Assert.Equal(truncated, await File.ReadAllTextAsync(configuration + ".rejected", TestContext.Current.CancellationToken));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(configuration + ".rejected"));
        Assert.False(File.Exists(configuration));

        using (var metrics = await http.GetAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
            var text = await metrics.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Matches(new Regex("^intercom_configuration_last_good_in_use 1$", RegexOptions.Multiline), text);
        }

        TestContext.Current.SendDiagnosticMessage($"status warning: {warning}");
        TestContext.Current.SendDiagnosticMessage($"log: {logged.Value}");
    }

    [Fact]
    public async Task Service_GoodConfiguration_HasNoWarningAndGaugeZero()
    {
        using var directory = new TemporaryDirectory();
        var (configuration, token) = TestApiAccess.WriteConfiguration(directory);
        using var service = ServiceProcess.StartService(configuration);

        var baseAddress = (await service.WaitForOutputAsync(ServiceProcess.StatusLine(), StartTimeout)).Groups[1].Value;
        var fingerprint = (await service.WaitForOutputAsync(TestApiAccess.FingerprintLine(), StepTimeout)).Groups[1].Value;
        using var http = TestApiAccess.CreateClient(baseAddress, token, fingerprint, StepTimeout);

        var status = await http.GetFromJsonAsync<JsonElement>(new Uri("api/v1/status", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Empty(status.GetProperty("warnings").EnumerateArray());
        var text = await http.GetStringAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Matches(new Regex("^intercom_configuration_last_good_in_use 0$", RegexOptions.Multiline), text);
        Assert.DoesNotMatch(RefusedLine(), service.Output);
    }

    [Fact]
    public async Task OutputsSafe_BadConfigurationWithLastGood_DrivesTheLastGoodPinsOffAndMovesNothing()
    {
        using var directory = new TemporaryDirectory();
        var configuration = directory.File("intercom.json");
        File.Copy(RepositoryPaths.DemoConfiguration, configuration + ".last-good");
        File.SetUnixFileMode(configuration + ".last-good", OwnerOnly);
        const string Bad = """{ "hardware": { "relays": [ { "name": "strike", "pin": 17, "pulseDuration": "00:00:30", "maximumOnTime": "00:00:10" } ] } }""";
        await File.WriteAllTextAsync(configuration, Bad, TestContext.Current.CancellationToken);

        using var service = ServiceProcess.Start(RepositoryPaths.ServiceExecutable, ["--config", configuration, "--outputs-safe"]);

        Assert.Equal(0, await service.WaitForExitAsync(StartTimeout));
        Assert.Contains("intercom: 5 outputs driven off: GPIO 17 low, GPIO 27 low, GPIO 22 low, GPIO 23 low, GPIO 25 low", service.Output, StringComparison.Ordinal);
        Assert.Contains("hardware.relays[0].pulseDuration: 00:00:30 is longer than maximumOnTime", service.Error, StringComparison.Ordinal);
        // The service, which starts next, moves the file aside and says why; this command only reads.
        Assert.Equal(Bad, await File.ReadAllTextAsync(configuration, TestContext.Current.CancellationToken));
        Assert.False(File.Exists(configuration + ".rejected"));
    }

    [Fact]
    public async Task OutputsSafe_BadConfigurationWithoutLastGood_ExitsWithExConfig()
    {
        using var directory = new TemporaryDirectory();
        var configuration = directory.File("intercom.json");
        await File.WriteAllTextAsync(configuration, "{ \"hardware\": ", TestContext.Current.CancellationToken);

        using var service = ServiceProcess.Start(RepositoryPaths.ServiceExecutable, ["--config", configuration, "--outputs-safe"]);

        Assert.Equal(78, await service.WaitForExitAsync(StartTimeout));
        Assert.Contains("not valid JSON", service.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Configuration \S+ refused: .* It is kept as \S+; running on the last good configuration \S+ until the settings are saved")]
    private static partial Regex RefusedLine();
}
