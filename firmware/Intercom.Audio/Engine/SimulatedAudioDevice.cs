using Intercom.Audio.Alsa;

namespace Intercom.Audio.Engine;

/// <summary>
/// A laptop's or CI's sound card: the microphone hears a source (tone, WAVE file, or silence), the loudspeaker
/// goes to a sink (WAVE file) or nowhere. Reads return at once; the engine paces them.
/// </summary>
public sealed class SimulatedAudioDevice : IAudioDevice
{
    private readonly IMicrophoneSource? _microphone;
    private readonly ISpeakerSink? _speaker;
    private bool _open;

    /// <summary>Creates the device.</summary>
    /// <param name="microphone">What the microphone hears; null for silence.</param>
    /// <param name="speaker">Where the loudspeaker goes; null to discard. Disposed with the device.</param>
    public SimulatedAudioDevice(IMicrophoneSource? microphone, ISpeakerSink? speaker)
    {
        _microphone = microphone;
        _speaker = speaker;
    }

    /// <inheritdoc />
    public string Description => "simulated microphone and loudspeaker";

    /// <inheritdoc />
    public bool IsPacedByHardware => false;

    /// <summary>Frames read since creation.</summary>
    public long FramesRead { get; private set; }

    /// <summary>Frames written since creation.</summary>
    public long FramesWritten { get; private set; }

    /// <inheritdoc />
    public bool TryOpen(AudioStreamFormat format, out string? failure)
    {
        _open = true;
        failure = null;
        return true;
    }

    /// <inheritdoc />
    public int Read(Span<short> frame)
    {
        if (!_open)
        {
            return AlsaError.BadFileDescriptorState;
        }

        if (_microphone is null)
        {
            frame.Clear();
        }
        else
        {
            _microphone.Fill(frame);
        }

        FramesRead++;
        return frame.Length;
    }

    /// <inheritdoc />
    public int Write(ReadOnlySpan<short> frame)
    {
        if (!_open)
        {
            return AlsaError.BadFileDescriptorState;
        }

        _speaker?.Write(frame);
        FramesWritten++;
        return frame.Length;
    }

    /// <inheritdoc />
    public int Recover(PcmDirection direction, int errorCode) => errorCode;

    /// <inheritdoc />
    public void Close() => _open = false;

    /// <inheritdoc />
    public void Dispose()
    {
        _open = false;
        _speaker?.Dispose();
    }
}
