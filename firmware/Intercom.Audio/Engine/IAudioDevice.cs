using Intercom.Audio.Alsa;

namespace Intercom.Audio.Engine;

/// <summary>
/// A microphone and loudspeaker pair as the audio thread sees them: a real ALSA card, ALSA's file/null plugins, or
/// a simulation. Read and write return frames moved or a negative errno (<see cref="AlsaError"/>), never throw,
/// and allocate nothing.
/// </summary>
public interface IAudioDevice : IDisposable
{
    /// <summary>Names for logs: which capture and playback devices.</summary>
    string Description { get; }

    /// <summary>
    /// True when <see cref="Read"/> blocks until a frame of real time has passed (a sound card). False for devices
    /// that return at once (file/null plugins, simulations): the engine then paces frames on its TimeProvider.
    /// </summary>
    bool IsPacedByHardware { get; }

    /// <summary>Opens (or reopens) both directions; false and a reason when the device cannot be had now.</summary>
    bool TryOpen(AudioStreamFormat format, out string? failure);

    /// <summary>Reads one frame from the microphone.</summary>
    int Read(Span<short> frame);

    /// <summary>Writes one frame to the loudspeaker.</summary>
    int Write(ReadOnlySpan<short> frame);

    /// <summary>Repairs one direction after an error; 0 when it can be used again.</summary>
    int Recover(PcmDirection direction, int errorCode);

    /// <summary>Closes both directions (the next <see cref="TryOpen"/> opens them afresh).</summary>
    void Close();
}
