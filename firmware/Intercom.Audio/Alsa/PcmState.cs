namespace Intercom.Audio.Alsa;

/// <summary>The state of a PCM, as <c>snd_pcm_state()</c> reports it (values of <c>snd_pcm_state_t</c>).</summary>
public enum PcmState
{
    /// <summary>Open, not configured.</summary>
    Open = 0,

    /// <summary>Hardware parameters installed.</summary>
    Setup = 1,

    /// <summary>Ready to start.</summary>
    Prepared = 2,

    /// <summary>Moving samples.</summary>
    Running = 3,

    /// <summary>Overrun (capture) or underrun (playback); needs <c>snd_pcm_recover</c>.</summary>
    Xrun = 4,

    /// <summary>Draining playback.</summary>
    Draining = 5,

    /// <summary>Paused.</summary>
    Paused = 6,

    /// <summary>The system suspended the card.</summary>
    Suspended = 7,

    /// <summary>The card is gone (USB unplugged).</summary>
    Disconnected = 8,
}
