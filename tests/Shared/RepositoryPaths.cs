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
