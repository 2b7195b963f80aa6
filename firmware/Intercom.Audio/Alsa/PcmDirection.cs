namespace Intercom.Audio.Alsa;

/// <summary>Which way samples flow through a PCM.</summary>
public enum PcmDirection
{
    /// <summary>Samples go to the loudspeaker (<c>SND_PCM_STREAM_PLAYBACK</c>).</summary>
    Playback = AlsaNative.StreamPlayback,

    /// <summary>Samples come from the microphone (<c>SND_PCM_STREAM_CAPTURE</c>).</summary>
    Capture = AlsaNative.StreamCapture,
}
