namespace Intercom.Audio.Alsa;

/// <summary>
/// One open ALSA PCM in interleaved signed 16-bit little-endian format. Reads and writes go straight to alsa-lib
/// over pinned spans and allocate nothing; every call returns a frame count or a negative errno, never throws.
/// </summary>
/// <remarks>
/// Used by one thread at a time (the audio thread). <see cref="Dispose"/> from another thread is safe: the
/// SafeHandle defers <c>snd_pcm_close</c> until a read or write in progress has returned.
/// </remarks>
public sealed unsafe class AlsaPcm : IDisposable
{
    private readonly PcmSafeHandle _handle;

    private AlsaPcm(PcmSafeHandle handle, PcmRequest request, int periodFrames, int bufferFrames)
    {
        _handle = handle;
        Request = request;
        PeriodFrames = periodFrames;
        BufferFrames = bufferFrames;
    }

    /// <summary>What was asked for.</summary>
    public PcmRequest Request { get; }

    /// <summary>The period size the driver granted, in frames.</summary>
    public int PeriodFrames { get; }

    /// <summary>The buffer size the driver granted, in frames.</summary>
    public int BufferFrames { get; }

    /// <summary>The PCM's state now.</summary>
    public PcmState State => (PcmState)AlsaNative.snd_pcm_state(_handle);

    /// <summary>
    /// Opens a PCM by name and installs the format: blocking mode, interleaved S16, exact rate, the period and
    /// buffer sizes nearest to those asked, and the start threshold.
    /// </summary>
    /// <param name="request">Device name and format.</param>
    /// <param name="configuration">A private configuration to resolve the name in; null uses the system's.</param>
    public static PcmOpenResult Open(PcmRequest request, AlsaConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = configuration is null
            ? AlsaNative.snd_pcm_open(out var handle, request.DeviceName, (int)request.Direction, 0)
            : AlsaNative.snd_pcm_open_lconf(
                out handle, request.DeviceName, (int)request.Direction, 0, configuration.Handle);
        if (result < 0)
        {
            handle.Dispose();
            return PcmOpenResult.Failure("snd_pcm_open", result);
        }

        var hardware = InstallHardwareParameters(handle, request, out var periodFrames, out var bufferFrames);
        if (hardware.Result < 0)
        {
            handle.Dispose();
            return PcmOpenResult.Failure(hardware.Call, hardware.Result);
        }

        var startThreshold = request.StartThresholdFrames
            ?? (request.Direction == PcmDirection.Capture ? 1 : periodFrames);
        var software = InstallSoftwareParameters(handle, startThreshold, periodFrames);
        if (software.Result < 0)
        {
            handle.Dispose();
            return PcmOpenResult.Failure(software.Call, software.Result);
        }

        return PcmOpenResult.Success(new AlsaPcm(handle, request, periodFrames, bufferFrames));
    }

    /// <summary>Blocks until <paramref name="samples"/> is full; returns frames read or a negative errno.</summary>
    public int Read(Span<short> samples)
    {
        var frames = (nuint)(samples.Length / Request.Channels);
        fixed (short* pointer = samples)
        {
            return (int)AlsaNative.snd_pcm_readi(_handle, pointer, frames);
        }
    }

    /// <summary>Blocks until <paramref name="samples"/> is queued; returns frames written or a negative errno.</summary>
    public int Write(ReadOnlySpan<short> samples)
    {
        var frames = (nuint)(samples.Length / Request.Channels);
        fixed (short* pointer = samples)
        {
            return (int)AlsaNative.snd_pcm_writei(_handle, pointer, frames);
        }
    }

    /// <summary>
    /// Repairs the stream after <paramref name="error"/> (xrun: prepare again; suspend: resume or prepare);
    /// returns 0 when the stream can be used again, else the error it could not handle.
    /// </summary>
    public int Recover(int error) => AlsaNative.snd_pcm_recover(_handle, error, 1);

    /// <summary>Prepares the stream for (re)start; 0 or a negative errno.</summary>
    public int Prepare() => AlsaNative.snd_pcm_prepare(_handle);

    /// <summary>Starts the stream explicitly; 0 or a negative errno.</summary>
    public int Start() => AlsaNative.snd_pcm_start(_handle);

    /// <summary>Stops the stream at once, dropping pending frames; 0 or a negative errno.</summary>
    public int Drop() => AlsaNative.snd_pcm_drop(_handle);

    /// <summary>Frames ready to read (capture) or free to write (playback), or a negative errno (e.g. -EPIPE on xrun).</summary>
    public int AvailableFrames() => (int)AlsaNative.snd_pcm_avail(_handle);

    /// <summary>Waits up to <paramref name="timeout"/> for the PCM to be ready; 1 ready, 0 timeout, or a negative errno.</summary>
    public int Wait(TimeSpan timeout) => AlsaNative.snd_pcm_wait(_handle, (int)timeout.TotalMilliseconds);

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private static (int Result, string Call) InstallHardwareParameters(
        PcmSafeHandle handle, PcmRequest request, out int periodFrames, out int bufferFrames)
    {
        periodFrames = 0;
        bufferFrames = 0;
        var result = AlsaNative.snd_pcm_hw_params_malloc(out var parameters);
        if (result < 0)
        {
            return (result, "snd_pcm_hw_params_malloc");
        }

        try
        {
            if ((result = AlsaNative.snd_pcm_hw_params_any(handle, parameters)) < 0)
            {
                return (result, "snd_pcm_hw_params_any");
            }

            if ((result = AlsaNative.snd_pcm_hw_params_set_access(
                    handle, parameters, AlsaNative.AccessReadWriteInterleaved)) < 0)
            {
                return (result, "snd_pcm_hw_params_set_access");
            }

            if ((result = AlsaNative.snd_pcm_hw_params_set_format(
                    handle, parameters, AlsaNative.FormatSigned16LittleEndian)) < 0)
            {
                return (result, "snd_pcm_hw_params_set_format");
            }

            if ((result = AlsaNative.snd_pcm_hw_params_set_channels(handle, parameters, (uint)request.Channels)) < 0)
            {
                return (result, "snd_pcm_hw_params_set_channels");
            }

            // Let plug devices resample; hw devices ignore this and refuse a rate they lack below.
            _ = AlsaNative.snd_pcm_hw_params_set_rate_resample(handle, parameters, 1);
            if ((result = AlsaNative.snd_pcm_hw_params_set_rate(
                    handle, parameters, (uint)request.SampleRateHz, 0)) < 0)
            {
                return (result, "snd_pcm_hw_params_set_rate");
            }

            var period = (nuint)request.PeriodFrames;
            var direction = 0;
            if ((result = AlsaNative.snd_pcm_hw_params_set_period_size_near(
                    handle, parameters, &period, &direction)) < 0)
            {
                return (result, "snd_pcm_hw_params_set_period_size_near");
            }

            var buffer = period * (nuint)request.BufferPeriods;
            if ((result = AlsaNative.snd_pcm_hw_params_set_buffer_size_near(handle, parameters, &buffer)) < 0)
            {
                return (result, "snd_pcm_hw_params_set_buffer_size_near");
            }

            if ((result = AlsaNative.snd_pcm_hw_params(handle, parameters)) < 0)
            {
                return (result, "snd_pcm_hw_params");
            }

            _ = AlsaNative.snd_pcm_hw_params_get_period_size(parameters, &period, &direction);
            _ = AlsaNative.snd_pcm_hw_params_get_buffer_size(parameters, &buffer);
            periodFrames = (int)period;
            bufferFrames = (int)buffer;
            return (0, string.Empty);
        }
        finally
        {
            AlsaNative.snd_pcm_hw_params_free(parameters);
        }
    }

    private static (int Result, string Call) InstallSoftwareParameters(
        PcmSafeHandle handle, int startThresholdFrames, int periodFrames)
    {
        var result = AlsaNative.snd_pcm_sw_params_malloc(out var parameters);
        if (result < 0)
        {
            return (result, "snd_pcm_sw_params_malloc");
        }

        try
        {
            if ((result = AlsaNative.snd_pcm_sw_params_current(handle, parameters)) < 0)
            {
                return (result, "snd_pcm_sw_params_current");
            }

            if ((result = AlsaNative.snd_pcm_sw_params_set_start_threshold(
                    handle, parameters, (nuint)startThresholdFrames)) < 0)
            {
                return (result, "snd_pcm_sw_params_set_start_threshold");
            }

            if ((result = AlsaNative.snd_pcm_sw_params_set_avail_min(handle, parameters, (nuint)periodFrames)) < 0)
            {
                return (result, "snd_pcm_sw_params_set_avail_min");
            }

            if ((result = AlsaNative.snd_pcm_sw_params(handle, parameters)) < 0)
            {
                return (result, "snd_pcm_sw_params");
            }

            return (0, string.Empty);
        }
        finally
        {
            AlsaNative.snd_pcm_sw_params_free(parameters);
        }
    }
}
