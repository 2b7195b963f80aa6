namespace Intercom.Station.Configuration;

/// <summary>Where the service keeps state that is not configuration: <c>storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>
    /// The state directory (HTTPS certificate and key; later the call log and tamper state). A relative path is
    /// taken from the configuration file's directory. Created with mode 0700 when missing.
    /// </summary>
    public string StateDirectory { get; set; } = "/var/lib/intercom";

    /// <summary>The state directory as an absolute path, relative paths taken from <paramref name="configurationPath"/>'s directory.</summary>
    public string ResolveStateDirectory(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        if (Path.IsPathRooted(StateDirectory))
        {
            return StateDirectory;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(configurationPath)) ?? ".";
        return Path.GetFullPath(Path.Combine(directory, StateDirectory));
    }
}
