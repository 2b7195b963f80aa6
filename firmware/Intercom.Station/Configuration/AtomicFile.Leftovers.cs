using System.Globalization;

namespace Intercom.Station.Configuration;

/// <summary>The temporary files a killed <see cref="AtomicFile.Write"/> leaves behind, and their removal.</summary>
public static partial class AtomicFile
{
    private const string TemporarySuffix = ".tmp";

    /// <summary>
    /// Deletes the temporary files that a write of <paramref name="path"/> (or of a file whose name starts with its
    /// name, such as <c>intercom.json.last-good</c>) left when its process was killed between create and rename.
    /// Files of a process that still runs (this one included) are kept: it may be in the middle of a save. Returns the
    /// paths deleted.
    /// </summary>
    public static IReadOnlyList<string> DeleteLeftovers(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath);
        if (directory is null || !Directory.Exists(directory))
        {
            return [];
        }

        var prefix = Path.GetFileName(TemporaryPrefix(fullPath));
        var deleted = new List<string>();
        string[] candidates;
        try
        {
            candidates = Directory.GetFiles(directory, prefix + "*" + TemporarySuffix);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        foreach (var candidate in candidates)
        {
            if (WriterStillRuns(Path.GetFileName(candidate), prefix))
            {
                continue;
            }

            try
            {
                File.Delete(candidate);
                deleted.Add(candidate);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Left for the next boot; the configuration itself is whole either way.
            }
        }

        return deleted;
    }

    /// <summary>".intercom.json." for "/etc/intercom/intercom.json": hidden, and the target's name first.</summary>
    private static string TemporaryPrefix(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath) ?? "", $".{Path.GetFileName(fullPath)}.");

    /// <summary>Temporary names carry the writer's process id: ".intercom.json.&lt;pid&gt;.&lt;guid&gt;.tmp".</summary>
    private static bool WriterStillRuns(string fileName, string prefix)
    {
        // For ".intercom.json.last-good.<pid>..." the process id follows "last-good."; take the second-last dotted
        // part before the guid instead of parsing after the prefix.
        var parts = fileName[prefix.Length..^TemporarySuffix.Length].Split('.');
        if (parts.Length < 2 || !int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var processId))
        {
            return false;
        }

        // Our own process included: a boot has no save in flight, anything else of ours is a save in progress.
        return OperatingSystem.IsLinux() && Directory.Exists($"/proc/{processId}");
    }
}
