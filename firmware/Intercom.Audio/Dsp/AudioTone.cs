namespace Intercom.Audio.Dsp;

/// <summary>The tones the door station plays to the visitor from its own loudspeaker.</summary>
public enum AudioTone
{
    /// <summary>The call is ringing at the resident: 425 Hz, 1 s on, 4 s off (ITU-T E.180, the European cadence).</summary>
    Ringback,

    /// <summary>The door was opened: a rising two-note chime, played once.</summary>
    DoorOpened,

    /// <summary>Nobody answered: the special information tone 950/1400/1800 Hz (ITU-T E.180), played once.</summary>
    NobodyAnswered,

    /// <summary>Something needs attention (door left open, tamper): three short 1400 Hz beeps, played once.</summary>
    Warning,
}
