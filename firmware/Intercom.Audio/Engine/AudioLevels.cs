namespace Intercom.Audio.Engine;

/// <summary>The levels of the last frame, in dBFS (RMS).</summary>
/// <param name="MicrophoneDbfs">The microphone after the mic gain, before echo cancellation and noise suppression.</param>
/// <param name="ProcessedDbfs">The processed microphone that goes to the network.</param>
/// <param name="SpeakerDbfs">The loudspeaker after the volume.</param>
public readonly record struct AudioLevels(double MicrophoneDbfs, double ProcessedDbfs, double SpeakerDbfs);
