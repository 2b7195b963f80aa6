using Microsoft.Extensions.Options;

namespace Intercom.Audio;

/// <summary>Rejects audio settings the engine cannot run with, naming the field and the fix.</summary>
public sealed class AudioOptionsValidator : IValidateOptions<AudioOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AudioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Prefix = AudioOptions.SectionName + ":";

        if (options.SampleRateHz is not (16000 or 48000))
        {
            failures.Add($"{Prefix}SampleRateHz is {options.SampleRateHz}; use 16000 or 48000.");
        }

        if (options.Period != TimeSpan.FromMilliseconds(10))
        {
            failures.Add($"{Prefix}Period is {options.Period.TotalMilliseconds} ms; use 00:00:00.010: the processing runs on 10 ms frames.");
        }

        if (options.BufferPeriods is < 2 or > 3)
        {
            failures.Add($"{Prefix}BufferPeriods is {options.BufferPeriods}; use 2 or 3.");
        }

        if (options.RealtimePriority is < 0 or > 49)
        {
            failures.Add($"{Prefix}RealtimePriority is {options.RealtimePriority}; use 1–49, or 0 to run without SCHED_FIFO.");
        }

        if (options.MicrophoneGainDb is < -20 or > 30 || double.IsNaN(options.MicrophoneGainDb))
        {
            failures.Add($"{Prefix}MicrophoneGainDb is {options.MicrophoneGainDb}; use −20 to 30 dB.");
        }

        if (options.SpeakerVolumePercent is < 0 or > 100)
        {
            failures.Add($"{Prefix}SpeakerVolumePercent is {options.SpeakerVolumePercent}; use 0 to 100.");
        }

        if (options.AutomaticGainControlTargetDbfs is < -30 or > -6 || double.IsNaN(options.AutomaticGainControlTargetDbfs))
        {
            failures.Add($"{Prefix}AutomaticGainControlTargetDbfs is {options.AutomaticGainControlTargetDbfs}; use −30 to −6 dBFS.");
        }

        if (options.RingFrames is < 4 or > 100)
        {
            failures.Add($"{Prefix}RingFrames is {options.RingFrames}; use 4 to 100 (10 ms each).");
        }

        if (options.DeviceReopenInitialDelay <= TimeSpan.Zero || options.DeviceReopenInitialDelay > options.DeviceReopenMaximumDelay)
        {
            failures.Add($"{Prefix}DeviceReopenInitialDelay is {options.DeviceReopenInitialDelay}; use more than zero and at most DeviceReopenMaximumDelay ({options.DeviceReopenMaximumDelay}).");
        }

        if (options.DeviceReopenMaximumDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Prefix}DeviceReopenMaximumDelay is {options.DeviceReopenMaximumDelay}; use at most 00:01:00 so a replugged card comes back soon.");
        }

        if (options.StatisticsInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Prefix}StatisticsInterval is {options.StatisticsInterval}; use at least 00:00:01.");
        }

        ValidateDevices(options, failures, Prefix);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateDevices(AudioOptions options, List<string> failures, string prefix)
    {
        if (options.Backend == AudioBackend.Alsa)
        {
            if (string.IsNullOrWhiteSpace(options.CaptureDevice))
            {
                failures.Add($"{prefix}CaptureDevice is empty; use an ALSA name such as 'default' or 'plughw:CARD=Device,DEV=0'.");
            }

            if (string.IsNullOrWhiteSpace(options.PlaybackDevice))
            {
                failures.Add($"{prefix}PlaybackDevice is empty; use an ALSA name such as 'default' or 'plughw:CARD=Device,DEV=0'.");
            }

            return;
        }

        if (options.SimulatedMicrophoneWavePath is { } path && !File.Exists(path))
        {
            failures.Add($"{prefix}SimulatedMicrophoneWavePath '{path}' does not exist; give an existing WAVE file or leave it empty.");
        }

        if (options.SimulatedMicrophoneToneHz < 0 || options.SimulatedMicrophoneToneHz >= options.SampleRateHz / 2.0)
        {
            failures.Add($"{prefix}SimulatedMicrophoneToneHz is {options.SimulatedMicrophoneToneHz}; use 0 (silence) or a frequency below half the sample rate.");
        }

        if (options.SimulatedSpeakerWavePath is { } speaker &&
            Path.GetDirectoryName(Path.GetFullPath(speaker)) is { } directory && !Directory.Exists(directory))
        {
            failures.Add($"{prefix}SimulatedSpeakerWavePath '{speaker}' is in a folder that does not exist.");
        }
    }
}
