using Intercom.Audio.Alsa;

namespace Intercom.Audio.Engine;

/// <summary>
/// Capture and playback through ALSA by name. A real card paces the audio thread with its blocking reads; ALSA's
/// file and null plugins (given in a private configuration) return at once and are paced by the engine.
/// </summary>
public sealed class AlsaAudioDevice : IAudioDevice
{
    private readonly string _captureName;
    private readonly string _playbackName;
    private readonly AlsaConfiguration? _configuration;
    private short[] _silence = [];
    private AudioStreamFormat _format;
    private AlsaPcm? _capture;
    private AlsaPcm? _playback;

    /// <summary>Creates the device; nothing is opened until <see cref="TryOpen"/>.</summary>
    /// <param name="captureName">ALSA name of the microphone PCM.</param>
    /// <param name="playbackName">ALSA name of the loudspeaker PCM.</param>
    /// <param name="configuration">Private configuration to resolve the names in; null for the system's.</param>
    /// <param name="isPacedByHardware">False for plugins that do not block (file, null).</param>
    public AlsaAudioDevice(
        string captureName, string playbackName, AlsaConfiguration? configuration = null, bool isPacedByHardware = true)
    {
        _captureName = captureName;
        _playbackName = playbackName;
        _configuration = configuration;
        IsPacedByHardware = isPacedByHardware;
    }

    /// <inheritdoc />
    public string Description => $"ALSA capture '{_captureName}', playback '{_playbackName}'";

    /// <inheritdoc />
    public bool IsPacedByHardware { get; }

    /// <summary>The open capture PCM, for diagnostics; null while closed.</summary>
    public AlsaPcm? Capture => _capture;

    /// <summary>The open playback PCM, for diagnostics; null while closed.</summary>
    public AlsaPcm? Playback => _playback;

    /// <inheritdoc />
    public bool TryOpen(AudioStreamFormat format, out string? failure)
    {
        Close();
        var capture = AlsaPcm.Open(Request(_captureName, PcmDirection.Capture, format), _configuration);
        if (!capture.Succeeded)
        {
            failure = $"capture '{_captureName}': {capture.Describe()}";
            return false;
        }

        // Playback starts only when the loop's first frame brings the queue to all but one period: the card
        // then starts in step with capture, however long the open and the first read took, and keeps a
        // period of slack for a late wake-up.
        var playbackRequest = Request(_playbackName, PcmDirection.Playback, format) with
        {
            StartThresholdFrames = (format.BufferPeriods - 1) * format.FrameSamples,
        };
        var playback = AlsaPcm.Open(playbackRequest, _configuration);
        if (!playback.Succeeded)
        {
            capture.Pcm!.Dispose();
            failure = $"playback '{_playbackName}': {playback.Describe()}";
            return false;
        }

        _capture = capture.Pcm;
        _playback = playback.Pcm;
        _format = format;
        if (_silence.Length != format.FrameSamples)
        {
            _silence = new short[format.FrameSamples];
        }

        Prefill(_playback!);
        failure = null;
        return true;
    }

    /// <inheritdoc />
    public int Read(Span<short> frame) => _capture is { } capture ? capture.Read(frame) : AlsaError.BadFileDescriptorState;

    /// <inheritdoc />
    public int Write(ReadOnlySpan<short> frame) =>
        _playback is { } playback ? playback.Write(frame) : AlsaError.BadFileDescriptorState;

    /// <inheritdoc />
    public int Recover(PcmDirection direction, int errorCode)
    {
        var pcm = direction == PcmDirection.Capture ? _capture : _playback;
        if (pcm is null)
        {
            return errorCode;
        }

        var result = pcm.Recover(errorCode);
        if (result == 0 && direction == PcmDirection.Playback)
        {
            // Refill the slack so the next underrun is not one period away.
            Prefill(pcm);
        }

        return result;
    }

    /// <inheritdoc />
    public void Close()
    {
        _capture?.Dispose();
        _playback?.Dispose();
        _capture = null;
        _playback = null;
    }

    /// <inheritdoc />
    public void Dispose() => Close();

    /// <summary>Queues silence up to one period below the start threshold (the next frame starts the card).</summary>
    private void Prefill(AlsaPcm playback)
    {
        for (var period = 2; period < _format.BufferPeriods; period++)
        {
            _ = playback.Write(_silence);
        }
    }

    private static PcmRequest Request(string name, PcmDirection direction, AudioStreamFormat format) =>
        new(name, direction, format.SampleRateHz, Channels: 1, format.FrameSamples, format.BufferPeriods);
}
