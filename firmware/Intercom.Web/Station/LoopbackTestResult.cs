namespace Intercom.Web.Station;

/// <summary>The result of the audio loopback test: a tone on the loudspeaker, measured at the microphone.</summary>
/// <param name="Status">Done, or why it could not run.</param>
/// <param name="Heard">True when the microphone heard the tone (at least 6 dB above the quiet level before it).</param>
/// <param name="Message">The verdict in words.</param>
/// <param name="MicrophoneBeforeDbfs">Microphone level before the tone.</param>
/// <param name="MicrophoneDuringDbfs">Microphone level during the tone.</param>
/// <param name="ProcessedDuringDbfs">Level after echo cancellation during the tone (what the far end would hear).</param>
/// <param name="SpeakerDuringDbfs">Loudspeaker level during the tone.</param>
public sealed record LoopbackTestResult(
    ActionStatus Status, bool Heard, string Message, double MicrophoneBeforeDbfs, double MicrophoneDuringDbfs,
    double ProcessedDuringDbfs, double SpeakerDuringDbfs);
