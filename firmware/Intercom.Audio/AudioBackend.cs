namespace Intercom.Audio;

/// <summary>Where the engine's sound comes from and goes to.</summary>
public enum AudioBackend
{
    /// <summary>A real ALSA device by name (the Pi's sound card, a USB card, or a laptop's default).</summary>
    Alsa,

    /// <summary>No sound card: a tone or WAVE file as microphone, a WAVE file or nothing as loudspeaker.</summary>
    Simulated,
}
