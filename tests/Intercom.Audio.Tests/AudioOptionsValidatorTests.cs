namespace Intercom.Audio.Tests;

public sealed class AudioOptionsValidatorTests
{
    private readonly AudioOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(_validator.Validate(null, new AudioOptions()).Succeeded);
    }

    [Theory]
    [InlineData(nameof(AudioOptions.SampleRateHz))]
    [InlineData(nameof(AudioOptions.Period))]
    [InlineData(nameof(AudioOptions.BufferPeriods))]
    [InlineData(nameof(AudioOptions.RealtimePriority))]
    [InlineData(nameof(AudioOptions.MicrophoneGainDb))]
    [InlineData(nameof(AudioOptions.SpeakerVolumePercent))]
    [InlineData(nameof(AudioOptions.AutomaticGainControlTargetDbfs))]
    [InlineData(nameof(AudioOptions.RingFrames))]
    [InlineData(nameof(AudioOptions.DeviceReopenInitialDelay))]
    [InlineData(nameof(AudioOptions.DeviceReopenMaximumDelay))]
    [InlineData(nameof(AudioOptions.StatisticsInterval))]
    [InlineData(nameof(AudioOptions.CaptureDevice))]
    [InlineData(nameof(AudioOptions.PlaybackDevice))]
    public void Validate_OneBadField_FailsWithAMessageNamingIt(string field)
    {
        var options = new AudioOptions();
        switch (field)
        {
            case nameof(AudioOptions.SampleRateHz): options.SampleRateHz = 44100; break;
            case nameof(AudioOptions.Period): options.Period = TimeSpan.FromMilliseconds(20); break;
            case nameof(AudioOptions.BufferPeriods): options.BufferPeriods = 8; break;
            case nameof(AudioOptions.RealtimePriority): options.RealtimePriority = 99; break;
            case nameof(AudioOptions.MicrophoneGainDb): options.MicrophoneGainDb = 40; break;
            case nameof(AudioOptions.SpeakerVolumePercent): options.SpeakerVolumePercent = 101; break;
            case nameof(AudioOptions.AutomaticGainControlTargetDbfs): options.AutomaticGainControlTargetDbfs = 0; break;
            case nameof(AudioOptions.RingFrames): options.RingFrames = 1; break;
            case nameof(AudioOptions.DeviceReopenInitialDelay): options.DeviceReopenInitialDelay = TimeSpan.Zero; break;
            case nameof(AudioOptions.DeviceReopenMaximumDelay): options.DeviceReopenMaximumDelay = TimeSpan.FromHours(1); break;
            case nameof(AudioOptions.StatisticsInterval): options.StatisticsInterval = TimeSpan.FromMilliseconds(10); break;
            case nameof(AudioOptions.CaptureDevice): options.CaptureDevice = " "; break;
            case nameof(AudioOptions.PlaybackDevice): options.PlaybackDevice = ""; break;
        }

        var result = _validator.Validate(null, options);
        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith($"Audio:{field} ", failure, StringComparison.Ordinal);
        Assert.Contains("use", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SimulatedWithMissingMicrophoneFile_NamesTheField()
    {
        var options = new AudioOptions
        {
            Backend = AudioBackend.Simulated,
            SimulatedMicrophoneWavePath = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".wav"),
        };
        var failure = Assert.Single(_validator.Validate(null, options).Failures!);
        Assert.StartsWith("Audio:SimulatedMicrophoneWavePath ", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SimulatedToneAboveNyquist_NamesTheField()
    {
        var options = new AudioOptions { Backend = AudioBackend.Simulated, SimulatedMicrophoneToneHz = 9000 };
        var failure = Assert.Single(_validator.Validate(null, options).Failures!);
        Assert.StartsWith("Audio:SimulatedMicrophoneToneHz ", failure, StringComparison.Ordinal);
    }
}
