using System.Diagnostics.Metrics;
using Intercom.Audio.Dsp;
using Intercom.Audio.Processing;
using Microsoft.Extensions.Logging;

namespace Intercom.Audio.Engine;

/// <summary>
/// The real-time audio engine: one thread moves 10 ms frames between the sound card and the network side.
/// <code>
///                          audio thread (SCHED_FIFO, no allocation, no lock, no log per frame)
///   ┌──────────┐   ┌──────────┐   ┌─────────────────────┐   ┌─────┐   ┌─────────┐   ┌──────────────┐
///   │ capture  │──▶│ mic gain │──▶│ ICaptureProcessor   │──▶│ AGC │──▶│ limiter │──▶│ capture ring │──▶ network
///   │ (ALSA)   │   └──────────┘   │ AEC / RES / NS      │   └─────┘   └─────────┘   └──────────────┘    (encoder)
///   └──────────┘                  └─────────▲───────────┘
///                                           │ far-end reference: the frame played in the same period
///   ┌──────────┐   ┌──────────────┐   ┌─────┴────────┐   ┌───────────────┐
///   │ playback │◀──│ speaker vol. │◀──│ + local tone │◀──│ playback ring │◀────────────────────────── network
///   │ (ALSA)   │   └──────────────┘   │ (ringback…)  │   └───────────────┘                            (decoder)
///   └──────────┘                      └──────────────┘
/// </code>
/// A real sound card paces the loop with its blocking reads; simulated devices and ALSA's file/null plugins are
/// paced on the injected <see cref="TimeProvider"/>. Xruns are recovered inside the thread; a card that vanishes
/// is closed and reopened with backoff. Counters are read with <see cref="GetStatistics"/> and logged by a timer
/// outside the thread.
/// </summary>
public sealed partial class AudioEngine : IDisposable
{
    private readonly AudioOptions _options;
    private readonly IAudioDevice _device;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly AudioPipeline _pipeline;
    private readonly ICaptureProcessor _processor;
    private readonly AudioEngineCounters _counters = new();
    private readonly FramePacer _pacer;
    private readonly ReopenBackoff _backoff;
    private readonly short[] _microphone;
    private readonly short[] _speaker;
    private readonly Meter _meter;
    private readonly string _pipelineDescription;
    private Thread? _thread;
    private ITimer? _statisticsTimer;
    private AudioEngineStatistics _lastReported = new();
    private volatile bool _stopping;
    private volatile string? _lastDeviceFailure;
    private int _realtimeSchedulingError = int.MinValue;
    private int _speakerVolumePercent;

    /// <summary>Creates the engine; nothing runs until <see cref="Start"/>.</summary>
    /// <param name="options">Validated options (<see cref="AudioOptionsValidator"/>).</param>
    /// <param name="device">The sound card or simulation; owned by the engine from now on.</param>
    /// <param name="captureProcessor">Echo canceller and noise suppressor; null passes the microphone through.</param>
    /// <param name="timeProvider">Clock for pacing, backoff, liveness and statistics.</param>
    /// <param name="logger">Log for start, device and glitch reports.</param>
    public AudioEngine(
        AudioOptions options,
        IAudioDevice device,
        ICaptureProcessor? captureProcessor,
        TimeProvider timeProvider,
        ILogger<AudioEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _device = device;
        _timeProvider = timeProvider;
        _logger = logger;
        Format = new AudioStreamFormat(options.SampleRateHz, options.FrameSamples, options.BufferPeriods);
        var processor = captureProcessor ?? new PassThroughCaptureProcessor(Format.FrameSamples);
        _processor = processor;
        var automaticGainControl = AutomaticGainControl.ForDoorStation(
            Format.FrameDuration, options.AutomaticGainControlTargetDbfs);
        automaticGainControl.Enabled = options.AutomaticGainControlEnabled;
        _pipeline = new AudioPipeline(
            Format,
            processor,
            automaticGainControl,
            options.RingFrames,
            options.RingFrames,
            options.MicrophoneGainDb,
            Decibels.FromVolumePercent(options.SpeakerVolumePercent),
            _counters);
        _speakerVolumePercent = options.SpeakerVolumePercent;
        _pacer = new FramePacer(timeProvider, Format.FrameDuration, maximumCatchUpFrames: options.BufferPeriods);
        _backoff = new ReopenBackoff(options.DeviceReopenInitialDelay, options.DeviceReopenMaximumDelay);
        _microphone = new short[Format.FrameSamples];
        _speaker = new short[Format.FrameSamples];
        _pipelineDescription =
            $"capture → mic gain {options.MicrophoneGainDb:0.#} dB → {processor.GetType().Name} → " +
            $"AGC {(options.AutomaticGainControlEnabled ? "on" : "off")} → limiter −1 dBFS → capture ring " +
            $"({options.RingFrames} frames); playback ring → tones → volume {options.SpeakerVolumePercent} % → playback";
        _meter = new Meter("Intercom.Audio");
        CreateInstruments();
    }

    /// <summary>The stream format the engine runs.</summary>
    public AudioStreamFormat Format { get; }

    /// <summary>Network side reads processed microphone frames here (the encoder's input).</summary>
    public AudioFrameRing CaptureRing => _pipeline.CaptureRing;

    /// <summary>Network side writes decoded far-end frames here (the loudspeaker's input).</summary>
    public AudioFrameRing PlaybackRing => _pipeline.PlaybackRing;

    /// <summary>Microphone gain in dB; any thread, effective next frame.</summary>
    public double MicrophoneGainDb
    {
        get => _pipeline.MicrophoneGain.GainDb;
        set => _pipeline.MicrophoneGain.GainDb = value;
    }

    /// <summary>Loudspeaker volume, 0–100 %; any thread, effective next frame.</summary>
    public int SpeakerVolumePercent
    {
        get => Volatile.Read(ref _speakerVolumePercent);
        set
        {
            var percent = Math.Clamp(value, 0, 100);
            Volatile.Write(ref _speakerVolumePercent, percent);
            _pipeline.SpeakerVolume.GainDb = Decibels.FromVolumePercent(percent);
        }
    }

    /// <summary>The levels of the last frame (for level meters and the loopback test); any thread.</summary>
    public AudioLevels GetLevels() =>
        new(_pipeline.MicrophoneLevel.LevelDbfs, _pipeline.ProcessedLevel.LevelDbfs, _pipeline.SpeakerLevel.LevelDbfs);

    /// <summary>A description of the sound card (or simulation).</summary>
    public string DeviceDescription => _device.Description;

    /// <summary>True while a local tone sounds (or pauses within its cadence).</summary>
    public bool IsTonePlaying => _pipeline.IsTonePlaying;

    /// <summary>
    /// How long ago the audio thread last completed a frame or a reopen attempt, on the monotonic clock (a Pi
    /// without RTC jumps its wall clock at NTP sync). A watchdog restarts the service when this grows too old.
    /// </summary>
    public TimeSpan TimeSinceAlive
    {
        get
        {
            var alive = Volatile.Read(ref _counters.AliveTimestamp);
            return alive == 0 ? TimeSpan.MaxValue : _timeProvider.GetElapsedTime(alive);
        }
    }

    /// <summary>
    /// "Audio thread alive as of", for a status page: now minus <see cref="TimeSinceAlive"/>; null before the
    /// thread first ran. Watchdogs compare <see cref="TimeSinceAlive"/> instead (immune to clock steps).
    /// </summary>
    public DateTimeOffset? AliveAsOf
    {
        get
        {
            var since = TimeSinceAlive;
            return since == TimeSpan.MaxValue ? null : _timeProvider.GetUtcNow() - since;
        }
    }

    /// <summary>For tests on a fake clock: the audio thread is blocked on the clock, its deadline already taken.</summary>
    internal bool IsWaitingOnClock => _pacer.IsWaiting;

    /// <summary>Starts a local tone from its beginning (mixed over any network audio); any thread.</summary>
    public void PlayTone(AudioTone tone) => _pipeline.RequestTone(tone);

    /// <summary>Stops the local tone; any thread.</summary>
    public void StopTone() => _pipeline.RequestTone(null);

    /// <summary>Starts the audio thread and the statistics timer.</summary>
    public void Start()
    {
        if (_thread is not null || _stopping)
        {
            throw new InvalidOperationException("the audio engine runs once: create a new one after Stop");
        }

        _logger.Starting(
            _device.Description, Format.SampleRateHz, Format.FrameDuration.TotalMilliseconds, Format.BufferPeriods,
            _pipelineDescription);
        _pacer.Start();
        _thread = new Thread(Run) { IsBackground = true, Name = "audio" };
        _thread.Start();
        _statisticsTimer = _timeProvider.CreateTimer(
            static state => ((AudioEngine)state!).ReportStatistics(),
            this,
            _options.StatisticsInterval,
            _options.StatisticsInterval);
    }

    /// <summary>Stops the audio thread (within a period or two) and closes the device.</summary>
    public void Stop()
    {
        _stopping = true;
        _statisticsTimer?.Dispose();
        _pacer.Stop();
        if (_thread is { } thread && !thread.Join(TimeSpan.FromSeconds(2)))
        {
            // Stuck in a driver call: closing the device makes the blocked read return.
            _device.Close();
            _ = thread.Join(TimeSpan.FromSeconds(2));
        }

        _thread = null;
    }

    /// <summary>A snapshot of the counters; any thread.</summary>
    public AudioEngineStatistics GetStatistics()
    {
        var realtime = Volatile.Read(ref _realtimeSchedulingError);
        return new AudioEngineStatistics
        {
            FramesProcessed = Volatile.Read(ref _counters.FramesProcessed),
            CaptureOverruns = Volatile.Read(ref _counters.CaptureOverruns),
            PlaybackUnderruns = Volatile.Read(ref _counters.PlaybackUnderruns),
            LateFrames = Volatile.Read(ref _counters.LateFrames),
            CaptureRingOverflows = Volatile.Read(ref _counters.CaptureRingOverflows),
            PlaybackRingGaps = Volatile.Read(ref _counters.PlaybackRingGaps),
            ShortReads = Volatile.Read(ref _counters.ShortReads),
            DeviceOpenFailures = Volatile.Read(ref _counters.DeviceOpenFailures),
            DeviceOpens = Volatile.Read(ref _counters.DeviceOpens),
            DeviceLosses = Volatile.Read(ref _counters.DeviceLosses),
            UnexpectedErrors = Volatile.Read(ref _counters.UnexpectedErrors),
            IsDeviceOpen = Volatile.Read(ref _counters.DeviceOpen) != 0,
            LastDeviceFailure = _lastDeviceFailure,
            RealtimeSchedulingError = realtime == int.MinValue ? null : realtime,
            ProcessingTimeMedian = _counters.ProcessingTime.Percentile(0.5),
            ProcessingTimeP99 = _counters.ProcessingTime.Percentile(0.99),
            TimeSinceAlive = TimeSinceAlive,
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Stop();
        _device.Dispose();
        _pacer.Dispose();
        _meter.Dispose();
    }

    private void CreateInstruments()
    {
        _meter.CreateObservableCounter("intercom.audio.frames", () => Volatile.Read(ref _counters.FramesProcessed), "{frame}");
        _meter.CreateObservableCounter("intercom.audio.capture_overruns", () => Volatile.Read(ref _counters.CaptureOverruns), "{xrun}");
        _meter.CreateObservableCounter("intercom.audio.playback_underruns", () => Volatile.Read(ref _counters.PlaybackUnderruns), "{xrun}");
        _meter.CreateObservableCounter("intercom.audio.late_frames", () => Volatile.Read(ref _counters.LateFrames), "{frame}");
        _meter.CreateObservableCounter("intercom.audio.device_losses", () => Volatile.Read(ref _counters.DeviceLosses), "{loss}");
        _meter.CreateObservableGauge(
            "intercom.audio.processing_time_p99", () => _counters.ProcessingTime.Percentile(0.99).TotalMicroseconds, "us");
    }

    private void ReportStatistics()
    {
        var now = GetStatistics();
        var last = _lastReported;
        _lastReported = now;
        if (now.DeviceOpens > last.DeviceOpens && now.IsDeviceOpen)
        {
            _logger.DeviceOpened(_device.Description);
        }

        if (now.DeviceLosses > last.DeviceLosses)
        {
            _logger.DeviceLost(now.LastDeviceFailure);
        }

        if (now.DeviceOpenFailures > last.DeviceOpenFailures)
        {
            _logger.DeviceOpenFailing(now.DeviceOpenFailures, now.LastDeviceFailure);
        }

        var overruns = now.CaptureOverruns - last.CaptureOverruns;
        var underruns = now.PlaybackUnderruns - last.PlaybackUnderruns;
        var late = now.LateFrames - last.LateFrames;
        if (overruns + underruns + late > 0)
        {
            _logger.Glitches(overruns, underruns, late);
        }

        var overflows = now.CaptureRingOverflows - last.CaptureRingOverflows;
        var gaps = now.PlaybackRingGaps - last.PlaybackRingGaps;
        if (overflows + gaps > 0)
        {
            _logger.RingTrouble(overflows, gaps);
        }
    }
}
