using System.Runtime.InteropServices;

namespace Intercom.Audio.Alsa;

/// <summary>
/// The alsa-lib functions the engine uses, bound to the versioned soname: plain "libasound" only resolves when the
/// -dev package (which owns the unversioned symlink) is installed, and a door station has no -dev packages.
/// </summary>
/// <remarks>
/// Types follow alsa-lib's headers: <c>snd_pcm_uframes_t</c> is <c>unsigned long</c> (<see cref="nuint"/>),
/// <c>snd_pcm_sframes_t</c> is <c>long</c> (<see cref="nint"/>). Every function returns 0 or a negative errno.
/// </remarks>
internal static unsafe partial class AlsaNative
{
    private const string Library = "libasound.so.2";

    internal const int StreamPlayback = 0;
    internal const int StreamCapture = 1;
    internal const int AccessReadWriteInterleaved = 3;
    internal const int FormatSigned16LittleEndian = 2;

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int snd_pcm_open(out PcmSafeHandle pcm, string name, int stream, int mode);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int snd_pcm_open_lconf(
        out PcmSafeHandle pcm, string name, int stream, int mode, AlsaConfigurationSafeHandle configuration);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_close(nint pcm);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params_malloc(out nint parameters);

    [LibraryImport(Library)]
    internal static partial void snd_pcm_hw_params_free(nint parameters);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params_any(PcmSafeHandle pcm, nint parameters);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params_set_access(PcmSafeHandle pcm, nint parameters, int access);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params_set_format(PcmSafeHandle pcm, nint parameters, int format);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params_set_channels(PcmSafeHandle pcm, nint parameters, uint channels);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params_set_rate_resample(PcmSafeHandle pcm, nint parameters, uint enable);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params_set_rate(PcmSafeHandle pcm, nint parameters, uint rate, int direction);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params_set_period_size_near(
        PcmSafeHandle pcm, nint parameters, nuint* frames, int* direction);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params_set_buffer_size_near(PcmSafeHandle pcm, nint parameters, nuint* frames);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params(PcmSafeHandle pcm, nint parameters);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params_get_period_size(nint parameters, nuint* frames, int* direction);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_hw_params_get_buffer_size(nint parameters, nuint* frames);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_sw_params_malloc(out nint parameters);

    [LibraryImport(Library)]
    internal static partial void snd_pcm_sw_params_free(nint parameters);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_sw_params_current(PcmSafeHandle pcm, nint parameters);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_sw_params_set_start_threshold(PcmSafeHandle pcm, nint parameters, nuint frames);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_sw_params_set_avail_min(PcmSafeHandle pcm, nint parameters, nuint frames);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_sw_params(PcmSafeHandle pcm, nint parameters);

    [LibraryImport(Library)]
    internal static partial nint snd_pcm_readi(PcmSafeHandle pcm, void* buffer, nuint frames);

    [LibraryImport(Library)]
    internal static partial nint snd_pcm_writei(PcmSafeHandle pcm, void* buffer, nuint frames);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_recover(PcmSafeHandle pcm, int error, int silent);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_prepare(PcmSafeHandle pcm);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_start(PcmSafeHandle pcm);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_drop(PcmSafeHandle pcm);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_state(PcmSafeHandle pcm);

    [LibraryImport(Library)]
    internal static partial nint snd_pcm_avail(PcmSafeHandle pcm);

    [LibraryImport(Library)]
    internal static partial int snd_pcm_wait(PcmSafeHandle pcm, int timeoutMilliseconds);

    [LibraryImport(Library)]
    internal static partial nint snd_strerror(int error);

    [LibraryImport(Library)]
    internal static partial int snd_config_top(out AlsaConfigurationSafeHandle configuration);

    [LibraryImport(Library)]
    internal static partial int snd_config_delete(nint configuration);

    [LibraryImport(Library)]
    internal static partial int snd_config_load(AlsaConfigurationSafeHandle configuration, nint input);

    [LibraryImport(Library)]
    internal static partial int snd_input_buffer_open(out nint input, byte* buffer, nint size);

    [LibraryImport(Library)]
    internal static partial int snd_input_close(nint input);
}
