namespace Intercom.Audio.Engine;

/// <summary>Where a simulated loudspeaker's samples go.</summary>
public interface ISpeakerSink : IDisposable
{
    /// <summary>Takes the next frame.</summary>
    void Write(ReadOnlySpan<short> frame);
}
