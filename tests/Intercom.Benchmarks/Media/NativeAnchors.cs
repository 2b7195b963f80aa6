using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Intercom.Benchmarks.Media;

/// <summary>
/// The C anchors of tools/native-bench (libsrtp2 and libopus driven from C), loaded from
/// tools/native-bench/out/libintercom_anchors.so; built with tools/native-bench/build.sh on first use.
/// </summary>
internal static unsafe partial class NativeAnchors
{
    private const string Library = "intercom_anchors";

    static NativeAnchors() => NativeLibrary.SetDllImportResolver(typeof(NativeAnchors).Assembly, Resolve);

    [LibraryImport(Library, EntryPoint = "anchor_srtp_new")]
    public static partial IntPtr SrtpNew(int profile, int payloadBytes, byte* keyAndSalt);

    [LibraryImport(Library, EntryPoint = "anchor_srtp_run")]
    public static partial int SrtpRun(IntPtr anchor, int iterations);

    [LibraryImport(Library, EntryPoint = "anchor_srtp_free")]
    public static partial void SrtpFree(IntPtr anchor);

    [LibraryImport(Library, EntryPoint = "anchor_opus_new")]
    public static partial IntPtr OpusNew(int rate, short* pcm, int samples);

    [LibraryImport(Library, EntryPoint = "anchor_opus_encode_run")]
    public static partial int OpusEncodeRun(IntPtr anchor, int iterations);

    [LibraryImport(Library, EntryPoint = "anchor_opus_decode_run")]
    public static partial int OpusDecodeRun(IntPtr anchor, int iterations);

    [LibraryImport(Library, EntryPoint = "anchor_opus_free")]
    public static partial void OpusFree(IntPtr anchor);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        string root = RepositoryRoot();
        string path = Path.Combine(root, "tools", "native-bench", "out", "libintercom_anchors.so");
        if (!File.Exists(path))
        {
            using var build = Process.Start(new ProcessStartInfo("sh", [Path.Combine(root, "tools", "native-bench", "build.sh")]) { UseShellExecute = false })!;
            build.WaitForExit(120_000);
        }

        return NativeLibrary.Load(path);
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Intercom.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Intercom.sln not found above " + AppContext.BaseDirectory);
    }
}
