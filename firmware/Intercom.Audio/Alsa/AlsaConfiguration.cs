using System.Text;

namespace Intercom.Audio.Alsa;

/// <summary>
/// A private ALSA configuration tree, used instead of the system's <c>alsa.conf</c> when a PCM is opened with it
/// (<c>snd_pcm_open_lconf</c>). Simulated devices and tests define their <c>file</c> and <c>null</c> PCMs here, so
/// nothing depends on, or changes, the machine's ALSA setup.
/// </summary>
public sealed class AlsaConfiguration : IDisposable
{
    private AlsaConfiguration(AlsaConfigurationSafeHandle handle) => Handle = handle;

    internal AlsaConfigurationSafeHandle Handle { get; }

    /// <summary>Parses configuration text in alsa-lib's syntax; null and a reason when it does not parse.</summary>
    public static AlsaConfiguration? TryParse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = AlsaNative.snd_config_top(out var handle);
        if (result < 0)
        {
            handle.Dispose();
            error = "snd_config_top: " + AlsaError.Describe(result);
            return null;
        }

        result = Load(handle, Encoding.UTF8.GetBytes(text));
        if (result < 0)
        {
            handle.Dispose();
            error = "snd_config_load: " + AlsaError.Describe(result);
            return null;
        }

        error = null;
        return new AlsaConfiguration(handle);
    }

    /// <summary>Reads and parses a configuration file; null and a reason when it cannot be read or parsed.</summary>
    public static AlsaConfiguration? TryLoadFile(string path, out string? error)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException exception)
        {
            error = $"cannot read {path}: {exception.Message}";
            return null;
        }
        catch (UnauthorizedAccessException exception)
        {
            error = $"cannot read {path}: {exception.Message}";
            return null;
        }

        return TryParse(text, out error);
    }

    /// <inheritdoc />
    public void Dispose() => Handle.Dispose();

    private static unsafe int Load(AlsaConfigurationSafeHandle handle, byte[] text)
    {
        fixed (byte* pointer = text)
        {
            var result = AlsaNative.snd_input_buffer_open(out var input, pointer, text.Length);
            if (result < 0)
            {
                return result;
            }

            try
            {
                return AlsaNative.snd_config_load(handle, input);
            }
            finally
            {
                _ = AlsaNative.snd_input_close(input);
            }
        }
    }
}
