using Intercom.Station.Configuration;

namespace Intercom.Station.Controller;

/// <summary>
/// One SIP call as the door station sees it (port). The real one is a SIP dialog with its media session; tests use a
/// fake. Every method only starts the action and returns at once; results arrive through <see cref="ICallLegEvents"/>.
/// </summary>
public interface ICallLeg
{
    /// <summary>Who is at the other end (target or caller URI) for the log and the status page.</summary>
    string Peer { get; }

    /// <summary>The media as negotiated, once answered: codec, SRTP, jitter, loss.</summary>
    CallLegMediaStatus? Media { get; }

    /// <summary>Answers an incoming leg in <paramref name="mode"/>.</summary>
    void Answer(InboundCallMode mode);

    /// <summary>Rejects an incoming leg with <paramref name="statusCode"/> (486 busy, 403 forbidden).</summary>
    void Reject(int statusCode);

    /// <summary>Cancels a ringing leg or hangs up an answered one; a no-op once ended.</summary>
    void HangUp();

    /// <summary>Connects the leg's media to the door station's microphone and loudspeaker (the one audio path).</summary>
    void ConnectAudio();
}
