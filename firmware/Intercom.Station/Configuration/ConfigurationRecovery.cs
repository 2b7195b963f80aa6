using System.Text.RegularExpressions;

namespace Intercom.Station.Configuration;

/// <summary>
/// Keeps the device running when its configuration file goes bad. Every good boot and every successful save leave a
/// copy <c>intercom.json.last-good</c> (mode 0600) beside the file. At boot a file that cannot be read, parsed or
/// validated is moved to <c>intercom.json.rejected</c> (mode 0600) and the service runs on the last good copy until
/// the next successful save; without a last good copy the boot fails as before. Temporary files of a save that was
/// killed between write and rename are deleted at boot.
/// </summary>
public static partial class ConfigurationRecovery
{
    /// <summary>Appended to the configuration file's name for the copy of the last configuration that was good.</summary>
    public const string LastGoodSuffix = ".last-good";

    /// <summary>Appended to the configuration file's name for a refused file kept for inspection.</summary>
    public const string RejectedSuffix = ".rejected";

    /// <summary>The last good copy of <paramref name="path"/>.</summary>
    public static string LastGoodPath(string path) => path + LastGoodSuffix;

    /// <summary>Where a refused <paramref name="path"/> is kept.</summary>
    public static string RejectedPath(string path) => path + RejectedSuffix;

    /// <summary>
    /// Loads <paramref name="path"/> for the service: deletes leftovers of a killed save and falls back to the last good
    /// copy (moving the file aside) when the file is bad. Once the service runs on a good file,
    /// <see cref="ConfigurationBootResult.KeepLastGood"/> makes it the last good copy.
    /// </summary>
    public static ConfigurationBootResult Boot(string path) => Load(path, changeFiles: true);

    /// <summary>
    /// Decides as <see cref="Boot"/> does but changes no file: for <c>--outputs-safe</c>, which systemd runs before the
    /// service starts (the service must still see the bad file to move it and say why), and for tests.
    /// </summary>
    public static ConfigurationBootResult Inspect(string path) => Load(path, changeFiles: false);

    /// <summary>Writes <paramref name="content"/> (a configuration just saved or booted on) as the last good copy.</summary>
    /// <exception cref="IOException">The copy could not be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable.</exception>
    public static void RememberGood(string path, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(LastGoodPath(path), content);
    }

    private static ConfigurationBootResult Load(string path, bool changeFiles)
    {
        ArgumentNullException.ThrowIfNull(path);
        IReadOnlyList<string> leftovers = changeFiles ? AtomicFile.DeleteLeftovers(path) : [];
        var primary = ConfigurationFile.Load(path, out var content);
        if (primary.Options is { } options)
        {
            return new ConfigurationBootResult(options, path, null, [], leftovers, null, changeFiles ? content : null);
        }

        var problems = Scrub(primary.Errors, content);
        var rejectedPath = RejectedPath(path);
        var exists = File.Exists(path);
        if (!exists && File.Exists(rejectedPath))
        {
            // The file was moved aside at an earlier boot and nothing was saved since.
            problems = [$"{path}: no such file since it was refused at an earlier boot; the refused file is {rejectedPath}"];
        }

        var lastGoodPath = LastGoodPath(path);
        var lastGood = ConfigurationFile.Load(lastGoodPath);
        if (lastGood.Options is not { } lastGoodOptions)
        {
            var lastGoodProblem = File.Exists(lastGoodPath) ? $"the last good copy {lastGoodPath} is not usable either: {lastGood.Errors[0]}" : null;
            return new ConfigurationBootResult(null, null, null, problems, leftovers, lastGoodProblem, null);
        }

        string? moveProblem = null;
        string? kept = exists ? null : File.Exists(rejectedPath) ? rejectedPath : null;
        if (changeFiles && exists)
        {
            moveProblem = MoveAside(path, rejectedPath);
            kept = moveProblem is null ? rejectedPath : null;
        }

        return new ConfigurationBootResult(
            lastGoodOptions, lastGoodPath, new ConfigurationFallback(path, lastGoodPath, kept, problems), [], leftovers, moveProblem, null);
    }

    /// <summary>Writes the last good copy unless it already holds these bytes (an SD card wears with every write).</summary>
    internal static string? KeepLastGood(string path, byte[] content)
    {
        var lastGoodPath = LastGoodPath(path);
        try
        {
            if (File.Exists(lastGoodPath) && File.ReadAllBytes(lastGoodPath).AsSpan().SequenceEqual(content) &&
                (OperatingSystem.IsWindows() || File.GetUnixFileMode(lastGoodPath) == AtomicFile.OwnerOnly))
            {
                return null;
            }

            RememberGood(path, content);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"cannot write the last good copy {lastGoodPath}: {exception.Message}";
        }
    }

    /// <summary>Renames the refused file (same directory, so atomic) and makes it owner-only: it may hold passwords.</summary>
    private static string? MoveAside(string path, string rejectedPath)
    {
        try
        {
            File.Move(path, rejectedPath, overwrite: true);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(rejectedPath, AtomicFile.OwnerOnly);
            }

            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"cannot move the refused {path} to {rejectedPath}: {exception.Message}";
        }
    }

    /// <summary>
    /// The validators never repeat a secret, but a JSON parse error quotes text near the fault; blank out every
    /// secret-looking string value of the refused file before its problems reach a log line or the status API.
    /// </summary>
    private static IReadOnlyList<string> Scrub(IReadOnlyList<string> problems, byte[]? content)
    {
        if (content is null || content.Length == 0)
        {
            return problems;
        }

        var text = System.Text.Encoding.UTF8.GetString(content);
        var secrets = SecretValue().Matches(text).Select(match => match.Groups["value"].Value).Where(value => value.Length >= 3).Distinct().ToArray();
        if (secrets.Length == 0)
        {
            return problems;
        }

        return problems.Select(problem => secrets.Aggregate(problem, (scrubbed, secret) => scrubbed.Replace(secret, "***", StringComparison.Ordinal))).ToArray();
    }

    [GeneratedRegex("\"[A-Za-z]*(?:password|secret|token|hash|code|key)[A-Za-z]*\"\\s*:\\s*\"(?<value>(?:[^\"\\\\]|\\\\.)*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretValue();
}
