using Intercom.Audio.Wave;

namespace Intercom.Audio.Engine;

/// <summary>Builds the <see cref="IAudioDevice"/> the options ask for.</summary>
public static class AudioDeviceFactory
{
    private const double SimulatedToneLevelDbfs = -20;

    /// <summary>
    /// Creates the device. A simulated microphone file that cannot be used (unreadable, wrong rate) leaves the
    /// microphone silent and says why in <paramref name="warning"/>, so the service still starts.
    /// </summary>
    public static IAudioDevice Create(AudioOptions options, out string? warning)
    {
        ArgumentNullException.ThrowIfNull(options);
        warning = null;
        if (options.Backend == AudioBackend.Alsa)
        {
            return new AlsaAudioDevice(options.CaptureDevice, options.PlaybackDevice);
        }

        IMicrophoneSource? microphone = null;
        if (options.SimulatedMicrophoneWavePath is { } path)
        {
            var wave = WaveFile.Read(path);
            if (!wave.Succeeded)
            {
                warning = $"{AudioOptions.SectionName}:SimulatedMicrophoneWavePath: {wave.Error}; the microphone is silent";
            }
            else if (wave.SampleRateHz != options.SampleRateHz)
            {
                warning = $"{AudioOptions.SectionName}:SimulatedMicrophoneWavePath is at {wave.SampleRateHz} Hz, the " +
                          $"engine runs {options.SampleRateHz} Hz; convert it (sox in.wav -r {options.SampleRateHz} -c 1 " +
                          "out.wav); the microphone is silent";
            }
            else
            {
                microphone = new WaveFileMicrophone(wave.Samples!);
            }
        }
        else if (options.SimulatedMicrophoneToneHz > 0)
        {
            microphone = new ToneMicrophone(options.SampleRateHz, options.SimulatedMicrophoneToneHz, SimulatedToneLevelDbfs);
        }

        ISpeakerSink? speaker = options.SimulatedSpeakerWavePath is { } speakerPath
            ? new WaveFileSpeaker(speakerPath, options.SampleRateHz)
            : null;
        return new SimulatedAudioDevice(microphone, speaker);
    }
}
