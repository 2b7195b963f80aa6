namespace Intercom.Web.Station;

/// <summary>The audio engine as the dashboard and the audio page show it.</summary>
/// <param name="Device">The sound card (or simulation) in words.</param>
/// <param name="DeviceOpen">True while the sound card is open.</param>
/// <param name="LastDeviceFailure">Why the card last failed to open or was lost; null if never.</param>
/// <param name="MicrophoneLevelDbfs">Microphone level after the mic gain, before processing (dBFS, RMS of the last frame).</param>
/// <param name="ProcessedLevelDbfs">What goes to the network after echo cancellation, noise suppression, AGC and limiter.</param>
/// <param name="SpeakerLevelDbfs">What the loudspeaker plays, after the volume.</param>
/// <param name="Xruns">Capture overruns and playback underruns since start.</param>
/// <param name="TonePlaying">True while a local tone sounds.</param>
public sealed record AudioStatus(
    string Device, bool DeviceOpen, string? LastDeviceFailure, double MicrophoneLevelDbfs, double ProcessedLevelDbfs,
    double SpeakerLevelDbfs, long Xruns, bool TonePlaying);
