using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Intercom.Station.Configuration;

namespace Intercom.Device.Tests;

/// <summary>
/// Issue 9, "the process killed during a configuration save": the real service restores a ~20 KB backup back to back
/// from the web page while the test SIGKILLs it, half of the kills in the moment a save's temporary file appears.
/// After every kill the file is whole (the old or the new configuration, never a mix), owner-only, and the service
/// boots on it, not on its last good copy.
/// </summary>
public sealed partial class ConfigurationSaveKillTests
{
    private const int Kills = 10;
    private const int CallersPerBackup = 120;
    private const string Password = "Kill-Me-Softly-2026";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Restore_KilledTenTimesDuringBackToBackSaves_FileStaysWholeAndBootsWithoutFallback()
    {
        var ct = TestContext.Current.CancellationToken;
        using var directory = new TemporaryDirectory();
        var (configuration, token) = TestApiAccess.WriteConfiguration(directory);
        byte[][] backups = [Backup(configuration, "a"), Backup(configuration, "b")];
        ServiceProcess? armed = null;
        var eventsToSkip = 0;
        string? aimedAt = null;
        using var watcher = new FileSystemWatcher(directory.Path, ".intercom.json*.tmp") { NotifyFilter = NotifyFilters.FileName };
        watcher.Created += (_, e) =>
        {
            // On the watcher's thread, straight from inotify: the fastest this test can react to a save starting.
            if (Volatile.Read(ref armed) is { } target && Interlocked.Decrement(ref eventsToSkip) < 0 && Interlocked.CompareExchange(ref armed, null, target) == target)
            {
                target.KillHard();
                aimedAt = e.Name;
            }
        };
        watcher.EnableRaisingEvents = true;

        var saves = 0;
        var insideWrite = 0;
        var leftoversDeleted = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        for (var kill = 0; kill <= Kills; kill++)
        {
            using var service = ServiceProcess.StartService(configuration);
            var baseAddress = (await service.WaitForOutputAsync(ServiceProcess.StatusLine(), StartTimeout)).Groups[1].Value;
            var fingerprint = (await service.WaitForOutputAsync(TestApiAccess.FingerprintLine(), StepTimeout)).Groups[1].Value;
            Assert.DoesNotMatch(RefusedLine(), service.Output);
            leftoversDeleted += LeftoversDeleted(service.Output);
            // The killed writer's temporary files are gone; the new process may be writing its own last good copy
            // right now (it does once it has started), so its files (its process id in the name) do not count.
            Assert.DoesNotContain(TemporaryFiles(directory), file => !Path.GetFileName(file).Contains($".{service.Id}.", StringComparison.Ordinal));
            using (var api = TestApiAccess.CreateClient(baseAddress, token, fingerprint, StepTimeout))
            {
                var status = await api.GetFromJsonAsync<JsonElement>(new Uri("api/v1/status", UriKind.Relative), ct);
                Assert.Empty(status.GetProperty("warnings").EnumerateArray());
            }

            if (kill == Kills)
            {
                service.Terminate();
                Assert.Equal(0, await service.WaitForExitAsync(StepTimeout));
                break;
            }

            using var web = WebClient(baseAddress, fingerprint);
            var csrf = await LogInAsync(web, firstBoot: kill == 0, ct);
            var aimed = kill % 2 == 0;
            var savedThisRun = 0;
            using var stopSaving = new CancellationTokenSource();
            var saving = Task.Run(
                async () =>
                {
                    for (var n = 0; !stopSaving.IsCancellationRequested; n++)
                    {
                        using var body = new ByteArrayContent(backups[n % 2]);
                        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("web/api/system/restore", UriKind.Relative)) { Content = body };
                        request.Headers.Add("X-CSRF-Token", csrf);
                        HttpResponseMessage response;
                        try
                        {
                            response = await web.SendAsync(request, stopSaving.Token);
                        }
                        catch (HttpRequestException)
                        {
                            return; // The kill closed the connection.
                        }

                        using var _ = response;
                        Assert.True(response.StatusCode == HttpStatusCode.OK, $"restore: {response.StatusCode} {await response.Content.ReadAsStringAsync(stopSaving.Token)}");
                        Interlocked.Increment(ref savedThisRun);
                    }
                },
                ct);

            if (aimed)
            {
                // Aim at the first, second or third save's temporary file (the file itself or its last good copy).
                Volatile.Write(ref eventsToSkip, kill / 2 % 3);
                Volatile.Write(ref armed, service);
            }
            else
            {
                // Unaimed: some time after the first save, anywhere in the cycle of request, write, rename, restart.
                var deadline = Stopwatch.StartNew();
                while (Volatile.Read(ref savedThisRun) == 0)
                {
                    Assert.True(deadline.Elapsed < StepTimeout && !saving.IsCompleted, $"no save went through: {saving.Exception?.GetBaseException().Message}");
                    await Task.Delay(5, ct);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(15 + (37 * kill)), ct);
                service.KillHard();
            }

            Assert.Equal(137, await WaitForKillAsync(service, saving));
            Volatile.Write(ref armed, null);
            await stopSaving.CancelAsync();
            await Task.WhenAny(saving);
            saves += savedThisRun;

            var leftovers = TemporaryFiles(directory);
            if (leftovers.Length > 0)
            {
                insideWrite++;
            }

            var content = await File.ReadAllBytesAsync(configuration, ct);
            var loaded = ConfigurationFile.Parse(content);
            Assert.True(loaded.Succeeded, $"kill {kill}: {string.Join("; ", loaded.Errors)}");
            var variant = Variant(loaded.Options!);
            seen.Add(variant);
            Assert.Equal(AtomicFile.OwnerOnly, File.GetUnixFileMode(configuration));
            Assert.True(ConfigurationFile.Load(ConfigurationRecovery.LastGoodPath(configuration)).Succeeded, $"kill {kill}: the last good copy is bad");
            TestContext.Current.SendDiagnosticMessage(
                $"kill {kill} ({(aimed ? $"aimed at {aimedAt}" : "timed")}): {savedThisRun} saves, {leftovers.Length} temporary file(s) left, file {content.Length} bytes holds {variant}");
            aimedAt = null;
        }

        var summary = $"{Kills} kills, {insideWrite} inside a write (temporary file left), {saves} saves completed, {leftoversDeleted} leftovers deleted at boot, variants seen: {string.Join(", ", seen)}, {clock.Elapsed.TotalSeconds:F1} s";
        TestContext.Current.SendDiagnosticMessage(summary);
        Console.WriteLine(summary);
        Assert.Equal(insideWrite, leftoversDeleted);
        Assert.True(insideWrite > 0, $"no kill landed inside a write, the test proved nothing: {summary}");
    }

    /// <summary>The test's configuration without security, with <see cref="CallersPerBackup"/> inbound callers named after <paramref name="variant"/>.</summary>
    private static byte[] Backup(string configuration, string variant)
    {
        var document = JsonNode.Parse(File.ReadAllText(configuration))!.AsObject();
        document.Remove("security");
        var callers = new JsonArray();
        for (var i = 0; i < CallersPerBackup; i++)
        {
            callers.Add(new JsonObject { ["caller"] = $"{variant}-visitor-{i:000}", ["mode"] = "talk", ["mayOpenDoor"] = i % 2 == 0 });
        }

        document["station"]!["inbound"] = new JsonObject { ["callers"] = callers };
        return Encoding.UTF8.GetBytes(document.ToJsonString());
    }

    /// <summary>"initial", "a" or "b"; fails on a mix of the two backups.</summary>
    private static string Variant(IntercomOptions options)
    {
        var callers = options.Station.Inbound.Callers.Select(caller => caller.Caller).ToArray();
        if (callers.Length < CallersPerBackup)
        {
            Assert.DoesNotContain(callers, caller => caller.Contains("-visitor-", StringComparison.Ordinal));
            return "initial";
        }

        var variant = callers[0][..1];
        Assert.Equal(Enumerable.Range(0, CallersPerBackup).Select(i => $"{variant}-visitor-{i:000}"), callers);
        return variant;
    }

    private static string[] TemporaryFiles(TemporaryDirectory directory) => Directory.GetFiles(directory.Path, ".intercom.json*.tmp");

    private static int LeftoversDeleted(string output) =>
        LeftoversLine().Match(output) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    private static HttpClient WebClient(string baseAddress, string fingerprint)
    {
        var handler = new HttpClientHandler
        {
            CookieContainer = new CookieContainer(),
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null &&
                string.Equals(string.Join(':', System.Security.Cryptography.SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))), fingerprint, StringComparison.Ordinal),
        };
        return new HttpClient(handler) { BaseAddress = new Uri(baseAddress + "/"), Timeout = StepTimeout };
    }

    /// <summary>The first boot sets the administrator password (a save too); later ones log in. Returns the session's CSRF token.</summary>
    private static async Task<string> LogInAsync(HttpClient web, bool firstBoot, CancellationToken ct)
    {
        var anonymous = (await web.GetFromJsonAsync<JsonElement>(new Uri("web/api/session", UriKind.Relative), ct)).GetProperty("csrfToken").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(firstBoot ? "web/api/setup" : "web/api/login", UriKind.Relative)) { Content = JsonContent.Create(new { password = Password }) };
        request.Headers.Add("X-CSRF-Token", anonymous);
        using var response = await web.SendAsync(request, ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(firstBoot ? "setup" : "login")}: {response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        return (await web.GetFromJsonAsync<JsonElement>(new Uri("web/api/session", UriKind.Relative), ct)).GetProperty("csrfToken").GetString()!;
    }

    /// <summary>Waits for the SIGKILL (exit code 137 as a shell reports 128 + 9); the saves must still be running until then.</summary>
    private static async Task<int> WaitForKillAsync(ServiceProcess service, Task saving)
    {
        var exit = service.WaitForExitAsync(StepTimeout);
        if (await Task.WhenAny(exit, saving) == saving && saving.IsFaulted)
        {
            Assert.Fail($"a save failed: {saving.Exception?.GetBaseException().Message}");
        }

        return await exit;
    }

    [GeneratedRegex(@"Configuration \S+ refused: ")]
    private static partial Regex RefusedLine();

    [GeneratedRegex(@"Deleted (\d+) temporary file\(s\) left by an interrupted configuration save")]
    private static partial Regex LeftoversLine();
}
