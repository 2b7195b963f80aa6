namespace Intercom.Audio;

/// <summary>The audio engine's configuration (section <c>Audio</c>); checked by <see cref="AudioOptionsValidator"/>.</summary>
public sealed class AudioOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Audio";

    /// <summary>Real sound card or simulation.</summary>
    public AudioBackend Backend { get; set; } = AudioBackend.Alsa;

    /// <summary>ALSA name of the microphone: <c>default</c>, <c>plughw:CARD=Device,DEV=0</c>.</summary>
    public string CaptureDevice { get; set; } = "default";

    /// <summary>ALSA name of the loudspeaker.</summary>
    public string PlaybackDevice { get; set; } = "default";

    /// <summary>Engine rate: 16000 (G.722, wideband) or 48000 (Opus fullband).</summary>
    public int SampleRateHz { get; set; } = 16000;

    /// <summary>Frame and ALSA period length; the processing runs on 10 ms frames, so only 10 ms is accepted.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Periods in the sound card buffer: 2 (lowest latency) or 3 (one more period of slack).</summary>
    public int BufferPeriods { get; set; } = 3;

    /// <summary>SCHED_FIFO priority of the audio thread, 1–49 (below the kernel's IRQ threads at 50); 0 = don't ask.</summary>
    public int RealtimePriority { get; set; } = 10;

    /// <summary>Microphone gain in dB before processing, −20 to +30.</summary>
    public double MicrophoneGainDb { get; set; }

    /// <summary>Loudspeaker volume, 0 (mute) to 100 %.</summary>
    public int SpeakerVolumePercent { get; set; } = 80;

    /// <summary>Echo cancellation (and its residual echo suppressor); on by default.</summary>
    public bool EchoCancellationEnabled { get; set; } = true;

    /// <summary>Noise suppression on the microphone (inside the echo canceller's suppressor); on by default.</summary>
    public bool NoiseSuppressionEnabled { get; set; } = true;

    /// <summary>Automatic gain control on the microphone; on by default.</summary>
    public bool AutomaticGainControlEnabled { get; set; } = true;

    /// <summary>Speech level the AGC aims for, −30 to −6 dBFS.</summary>
    public double AutomaticGainControlTargetDbfs { get; set; } = -20;

    /// <summary>Frames (10 ms each) the rings to and from the network side hold, 4–100.</summary>
    public int RingFrames { get; set; } = 16;

    /// <summary>First wait before reopening a vanished sound card; doubles up to <see cref="DeviceReopenMaximumDelay"/>.</summary>
    public TimeSpan DeviceReopenInitialDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between reopen attempts.</summary>
    public TimeSpan DeviceReopenMaximumDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often counters are checked and glitches logged.</summary>
    public TimeSpan StatisticsInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Simulated backend: WAVE file the microphone hears (looped, at the engine rate); null for none.</summary>
    public string? SimulatedMicrophoneWavePath { get; set; }

    /// <summary>Simulated backend: sine the microphone hears when no file is given, in Hz; 0 for silence.</summary>
    public double SimulatedMicrophoneToneHz { get; set; }

    /// <summary>Simulated backend: WAVE file recording the loudspeaker; null to discard.</summary>
    public string? SimulatedSpeakerWavePath { get; set; }

    /// <summary>Samples per frame at <see cref="SampleRateHz"/>.</summary>
    public int FrameSamples => (int)(SampleRateHz * Period.Ticks / TimeSpan.TicksPerSecond);
}
