namespace Intercom.Audio.Engine;

/// <summary>What a simulated microphone hears; fills frames without allocating.</summary>
public interface IMicrophoneSource
{
    /// <summary>Fills <paramref name="frame"/> with the next samples.</summary>
    void Fill(Span<short> frame);
}
