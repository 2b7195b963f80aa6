namespace Intercom.Tools.Fuzz;

/// <summary>
/// Prepares a copy of this tool whose firmware assemblies carry SharpFuzz edge instrumentation, so the worker
/// gets coverage feedback (<see cref="Engine.CoverageMap"/>). The tool's own build is never modified.
/// </summary>
internal static class Instrumentation
{
    /// <summary>The firmware assemblies whose parsers the targets drive.</summary>
    public static readonly string[] Assemblies = ["Intercom.Sip.dll", "Intercom.Media.dll", "Intercom.Station.dll", "Intercom.Hardware.dll", "Intercom.Web.dll"];

    /// <summary>Copies the tool's folder to <paramref name="destination"/> and instruments the firmware assemblies there.</summary>
    public static IReadOnlyList<string> PrepareCopy(string destination)
    {
        string source = AppContext.BaseDirectory;
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        var instrumented = new List<string>();
        foreach (string assembly in Assemblies)
        {
            string path = Path.Combine(destination, assembly);
            if (!File.Exists(path))
            {
                continue;
            }

            int types = SharpFuzz.Fuzzer.Instrument(path, _ => true, SharpFuzz.Options.Value).Count();
            instrumented.Add($"{assembly} ({types} types)");
        }

        return instrumented;
    }
}
