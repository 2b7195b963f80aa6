using System.Text;
using System.Text.Json.Nodes;
using Intercom.Station.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Intercom.Station.Tests;

public sealed class ConfigurationRecoveryTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>A SIP password in the file: no problem text may repeat it.</summary>
    private const string SipPassword = "Tr0ub4dor-and-3-horses";

    /// <summary>The demo configuration with a SIP account whose password is <see cref="SipPassword"/>.</summary>
    private static string GoodJson()
    {
        var document = JsonNode.Parse(File.ReadAllText(RepositoryPaths.DemoConfiguration), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
        document["sip"]!["accounts"] = new JsonArray(new JsonObject
        {
            ["name"] = "fritz",
            ["user"] = "620",
            ["registrar"] = "127.0.0.1",
            ["password"] = SipPassword,
        });
        return document.ToJsonString(new() { WriteIndented = true });
    }

    private static string WriteGood(TemporaryDirectory directory)
    {
        var path = directory.File("intercom.json");
        AtomicFile.Write(path, Encoding.UTF8.GetBytes(GoodJson()));
        return path;
    }

    /// <summary>Corruptions of the good file and a fragment the problem text must hold.</summary>
    public static TheoryData<string, string, string> BadFiles() => new()
    {
        { "bad JSON", GoodJson().Replace("\"board\": \"generic\",", "\"board\": \"generic\" \"extra\",", StringComparison.Ordinal), "hardware" },
        { "invalid value", GoodJson().Replace("\"00:00:03\"", "\"00:00:30\"", StringComparison.Ordinal), "hardware.relays[0].pulseDuration: 00:00:30 is longer than maximumOnTime" },
        { "truncated", GoodJson()[..(GoodJson().Length / 2)], "not valid JSON" },
        { "cut inside the password", GoodJson()[..(GoodJson().IndexOf(SipPassword, StringComparison.Ordinal) + 8)], "not valid JSON" },
        { "empty", "", "not valid JSON" },
        { "wrong type", GoodJson().Replace("\"httpsPort\": 8443", "\"httpsPort\": \"8443\"", StringComparison.Ordinal), "web.httpsPort" },
        { "the password also pasted into a field whose message quotes it", GoodJson().Replace("\"listenAddress\": \"127.0.0.1\"", $"\"listenAddress\": \"{SipPassword}\"", StringComparison.Ordinal), "web.listenAddress: \"***\" is not an IP address" },
        { "text after the password", GoodJson().Replace($"\"{SipPassword}\"", $"\"{SipPassword}\" {SipPassword}", StringComparison.Ordinal), "sip.accounts[0] (line" },
    };

    /// <summary>A boot the service got running on: the file becomes the last good copy.</summary>
    private static ConfigurationBootResult GoodBoot(string path)
    {
        var boot = ConfigurationRecovery.Boot(path);
        Assert.Null(boot.Fallback);
        Assert.Null(boot.KeepLastGood());
        return boot;
    }

    [Fact]
    public void Boot_GoodFile_WritesNoCopyUntilTheServiceRunsOnIt()
    {
        using var directory = new TemporaryDirectory();
        var path = WriteGood(directory);

        var boot = ConfigurationRecovery.Boot(path);

        // A file that validates may still not start the service (a GPIO chip that is not there): not yet "good".
        Assert.True(boot.Succeeded);
        Assert.False(File.Exists(ConfigurationRecovery.LastGoodPath(path)));
    }

    [Fact]
    public void KeepLastGood_AfterAGoodBoot_WritesLastGoodCopyWithMode0600()
    {
        using var directory = new TemporaryDirectory();
        var path = WriteGood(directory);

        var boot = GoodBoot(path);

        Assert.True(boot.Succeeded);
        Assert.Equal(path, boot.UsedPath);
        Assert.Null(boot.LastGoodProblem);
        var lastGood = ConfigurationRecovery.LastGoodPath(path);
        Assert.Equal(directory.File("intercom.json.last-good"), lastGood);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(lastGood));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(lastGood));
    }

    [Fact]
    public void KeepLastGood_SameAsTheCopy_DoesNotRewriteIt()
    {
        using var directory = new TemporaryDirectory();
        var path = WriteGood(directory);
        GoodBoot(path);
        var lastGood = ConfigurationRecovery.LastGoodPath(path);
        var longAgo = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(lastGood, longAgo);

        GoodBoot(path);

        Assert.Equal(longAgo, File.GetLastWriteTimeUtc(lastGood));
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Boot_BadFileWithLastGood_RunsOnLastGoodAndKeepsTheRefusedFile(string name, string bad, string expectedProblem)
    {
        using var directory = new TemporaryDirectory();
        var path = WriteGood(directory);
        var good = GoodBoot(path).Options!;
        File.WriteAllText(path, bad);
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var boot = ConfigurationRecovery.Boot(path);

        Assert.True(boot.Succeeded, name);
        Assert.Equal(ConfigurationFile.Serialize(good), ConfigurationFile.Serialize(boot.Options!));
        Assert.Equal(ConfigurationRecovery.LastGoodPath(path), boot.UsedPath);
        var fallback = Assert.IsType<ConfigurationFallback>(boot.Fallback);
        Assert.Contains(expectedProblem, fallback.Reason, StringComparison.Ordinal);
        Assert.Equal(ConfigurationRecovery.RejectedPath(path), fallback.RejectedPath);
        Assert.Equal(bad, File.ReadAllText(fallback.RejectedPath!));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(fallback.RejectedPath!));
        Assert.False(File.Exists(path));
        Assert.StartsWith("running on the last good configuration: ", fallback.Warning, StringComparison.Ordinal);
        Assert.Contains(path, fallback.Warning, StringComparison.Ordinal);
        Assert.Contains(fallback.RejectedPath!, fallback.Warning, StringComparison.Ordinal);
        var copy = File.ReadAllBytes(ConfigurationRecovery.LastGoodPath(path));
        Assert.Null(boot.KeepLastGood());
        Assert.Equal(copy, File.ReadAllBytes(ConfigurationRecovery.LastGoodPath(path)));
        TestContext.Current.SendDiagnosticMessage($"{name}: {fallback.Warning}");
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Boot_BadFileHoldingAPassword_NoProblemTextRepeatsIt(string name, string bad, string expectedProblem)
    {
        _ = expectedProblem;
        using var directory = new TemporaryDirectory();
        var path = WriteGood(directory);
        GoodBoot(path);
        File.WriteAllText(path, bad);

        var boot = ConfigurationRecovery.Boot(path);

        // Not even the one character a parse error quotes ("'T' is invalid after a value").
        var fallback = Assert.IsType<ConfigurationFallback>(boot.Fallback);
        foreach (var text in fallback.Problems.Append(fallback.Warning))
        {
            Assert.DoesNotContain(SipPassword[..6], text, StringComparison.Ordinal);
            Assert.DoesNotContain("'T'", text, StringComparison.Ordinal);
        }

        Assert.True(boot.Succeeded, name);
    }

    [Fact]
    public void Boot_BadFileWithoutLastGood_FailsNamingTheFieldAndLeavesTheFile()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("intercom.json");
        var bad = GoodJson().Replace("\"00:00:03\"", "\"00:00:30\"", StringComparison.Ordinal);
        File.WriteAllText(path, bad);

        var boot = ConfigurationRecovery.Boot(path);

        Assert.False(boot.Succeeded);
        Assert.Null(boot.Fallback);
        Assert.Contains(boot.Errors, error => error.StartsWith("hardware.relays[0].pulseDuration: 00:00:30 is longer than maximumOnTime", StringComparison.Ordinal));
        Assert.Equal(bad, File.ReadAllText(path));
        Assert.False(File.Exists(ConfigurationRecovery.RejectedPath(path)));
        Assert.False(File.Exists(ConfigurationRecovery.LastGoodPath(path)));
    }

    [Fact]
    public void Boot_BadFileAndBadLastGood_FailsNamingBoth()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("intercom.json");
        File.WriteAllText(path, "{");
        File.WriteAllText(ConfigurationRecovery.LastGoodPath(path), "[]");

        var boot = ConfigurationRecovery.Boot(path);

        Assert.False(boot.Succeeded);
        Assert.Contains("not valid JSON", Assert.Single(boot.Errors), StringComparison.Ordinal);
        Assert.StartsWith($"the last good copy {ConfigurationRecovery.LastGoodPath(path)} is not usable either", boot.LastGoodProblem, StringComparison.Ordinal);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Boot_AfterAFallbackWithoutASave_StaysOnLastGoodNamingTheRefusedFile()
    {
        using var directory = new TemporaryDirectory();
        var path = WriteGood(directory);
        GoodBoot(path);
        File.WriteAllText(path, "{ \"web\": ");
        ConfigurationRecovery.Boot(path);

        var again = ConfigurationRecovery.Boot(path);

        var fallback = Assert.IsType<ConfigurationFallback>(again.Fallback);
        Assert.Equal(ConfigurationRecovery.RejectedPath(path), fallback.RejectedPath);
        Assert.Contains("refused at an earlier boot", fallback.Reason, StringComparison.Ordinal);
        Assert.Equal("{ \"web\": ", File.ReadAllText(ConfigurationRecovery.RejectedPath(path)));
    }

    [Fact]
    public void Inspect_BadFileWithLastGood_UsesLastGoodAndChangesNoFile()
    {
        using var directory = new TemporaryDirectory();
        var path = WriteGood(directory);
        GoodBoot(path);
        File.WriteAllText(path, "{ \"web\": ");
        var leftover = directory.File($".intercom.json.{int.MaxValue}.0123456789abcdef0123456789abcdef.tmp");
        File.WriteAllText(leftover, "{");

        var inspected = ConfigurationRecovery.Inspect(path);

        Assert.True(inspected.Succeeded);
        Assert.NotNull(inspected.Fallback);
        Assert.Null(inspected.Fallback.RejectedPath);
        Assert.Equal("{ \"web\": ", File.ReadAllText(path));
        Assert.False(File.Exists(ConfigurationRecovery.RejectedPath(path)));
        Assert.True(File.Exists(leftover));
    }

    [Fact]
    public void Boot_LeftoversOfAKilledSave_AreDeletedButNotThoseOfARunningWriter()
    {
        using var directory = new TemporaryDirectory();
        var path = WriteGood(directory);
        // Process id int.MaxValue is above any pid_max: its writer is gone. This process runs: its file stays.
        string[] dead =
        [
            directory.File($".intercom.json.{int.MaxValue}.0123456789abcdef0123456789abcdef.tmp"),
            directory.File($".intercom.json.last-good.{int.MaxValue}.0123456789abcdef0123456789abcdef.tmp"),
        ];
        var running = directory.File($".intercom.json.{Environment.ProcessId}.0123456789abcdef0123456789abcdef.tmp");
        var unrelated = directory.File($".other.json.{int.MaxValue}.0123456789abcdef0123456789abcdef.tmp");
        foreach (var file in dead.Append(running).Append(unrelated))
        {
            File.WriteAllText(file, "{ \"half");
        }

        var boot = ConfigurationRecovery.Boot(path);

        Assert.Equal(dead.Order(StringComparer.Ordinal), boot.LeftoversDeleted.Order(StringComparer.Ordinal));
        Assert.All(dead, file => Assert.False(File.Exists(file)));
        Assert.True(File.Exists(running));
        Assert.True(File.Exists(unrelated));
        Assert.Null(boot.Fallback);
    }

    [Fact]
    public void TryApply_WhileOnLastGood_RefreshesLastGoodAndEndsTheFallback()
    {
        using var directory = new TemporaryDirectory();
        var path = WriteGood(directory);
        GoodBoot(path);
        File.WriteAllText(path, "{ \"web\": ");
        var boot = ConfigurationRecovery.Boot(path);
        var store = new ConfigurationStore(path, boot.Options!, boot.Fallback, NullLogger<ConfigurationStore>.Instance);
        Assert.NotNull(store.Fallback);
        var changed = ConfigurationFile.Parse(Encoding.UTF8.GetBytes(GoodJson().Replace("8443", "8444", StringComparison.Ordinal))).Options!;

        var result = store.TryApply(changed);

        Assert.True(result.Applied, string.Join("; ", result.Errors));
        Assert.Null(store.Fallback);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(ConfigurationRecovery.LastGoodPath(path)));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(ConfigurationRecovery.LastGoodPath(path)));
        var next = ConfigurationRecovery.Boot(path);
        Assert.Null(next.Fallback);
        Assert.Equal(8444, next.Options!.Web.HttpsPort);
    }
}
