using System.Globalization;

namespace Intercom.Interop.Tests.Hardening;

/// <summary>What a leak would show in <c>/proc/PID</c>: resident memory, threads, file descriptors and the sockets among them.</summary>
internal sealed record ProcessResources(long ResidentKilobytes, int Threads, int FileDescriptors, int Sockets)
{
    public static ProcessResources Read(int processId)
    {
        long rss = 0;
        int threads = 0;
        foreach (string line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = long.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        int descriptors = 0;
        int sockets = 0;
        foreach (string descriptor in Directory.EnumerateFileSystemEntries($"/proc/{processId}/fd"))
        {
            descriptors++;
            try
            {
                if (new FileInfo(descriptor).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true)
                {
                    sockets++;
                }
            }
            catch (IOException)
            {
                // Closed between listing and reading: not open any more.
            }
        }

        return new ProcessResources(rss, threads, descriptors, sockets);
    }

    public override string ToString() => $"RSS {ResidentKilobytes / 1024.0:F1} MB, {Threads} threads, {FileDescriptors} fds ({Sockets} sockets)";
}
