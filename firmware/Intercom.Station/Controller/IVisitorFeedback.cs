using Intercom.Audio.Dsp;

namespace Intercom.Station.Controller;

/// <summary>What the visitor hears and sees at the door (port): tones from the loudspeaker, LED patterns.</summary>
public interface IVisitorFeedback
{
    /// <summary>Plays a tone (ringback repeats until stopped; the others play once).</summary>
    void PlayTone(AudioTone tone);

    /// <summary>Stops the tone.</summary>
    void StopTone();

    /// <summary>Shows the call state on the call LED.</summary>
    void ShowIndication(StationIndication indication);

    /// <summary>Shows a fault (not registered, tamper, door open too long) on the status LED, or the healthy pattern.</summary>
    void ShowFault(bool fault);
}
