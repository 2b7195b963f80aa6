namespace Intercom.Testing;

/// <summary>Finds files of this repository from the test assembly's folder.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding Intercom.sln, found by walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    public static string DemoConfiguration => Path.Combine(Root, "config", "demo.json");

    public static string DeviceConfiguration => Path.Combine(Root, "config", "intercom.json");

    /// <summary>The service executable built beside the tests (in test projects that reference the Device project).</summary>
    public static string ServiceExecutable => Path.Combine(AppContext.BaseDirectory, "intercom");

    /// <summary>
    /// The environment the systemd unit (<c>deploy/intercom.service</c>, its <c>Environment=</c> lines) gives the
    /// service, so tests run the service process as it runs on the Pi.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ServiceEnvironment { get; } = ReadServiceEnvironment();

    private static Dictionary<string, string> ReadServiceEnvironment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(Root, "deploy", "intercom.service")))
        {
            if (!line.StartsWith("Environment=", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var assignment in line["Environment=".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = assignment.IndexOf('=', StringComparison.Ordinal);
                variables[assignment[..equals]] = assignment[(equals + 1)..];
            }
        }

        return variables;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Intercom.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Intercom.sln above {AppContext.BaseDirectory}");
    }
}
