using System.Runtime.InteropServices;

namespace Intercom.Media.Codecs.Opus;

/// <summary>Which Opus implementation the media path uses, for the log and the status page.</summary>
public static class OpusLibrary
{
    private static readonly Lazy<string> Version = new(Probe);

    /// <summary>True when native libopus loaded.</summary>
    public static bool IsAvailable => !Version.Value.StartsWith("unavailable", StringComparison.Ordinal);

    /// <summary>"native libopus.so.0 (libopus 1.3.1)" or why it is unavailable.</summary>
    public static string Description => Version.Value;

    private static string Probe()
    {
        try
        {
            return $"native {OpusNative.Library} ({Marshal.PtrToStringUTF8(OpusNative.GetVersionString())})";
        }
        catch (DllNotFoundException exception)
        {
            return $"unavailable: {OpusNative.Library} not found ({exception.Message}); install Debian package libopus0";
        }
        catch (EntryPointNotFoundException exception)
        {
            return $"unavailable: {OpusNative.Library} lacks opus_get_version_string ({exception.Message})";
        }
    }
}
