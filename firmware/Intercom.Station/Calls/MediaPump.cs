using Intercom.Audio.Engine;
using Microsoft.Extensions.Logging;

namespace Intercom.Station.Calls;

/// <summary>
/// Moves audio between the audio engine and the connected call:
/// <code>
///   engine capture ring ──► MediaCall.PumpFrame ──► MediaSession.WriteFrame ──► RTP
///   engine playback ring ◄── MediaCall.PumpFrame ◄── MediaSession.ReadFrame ◄── jitter buffer
/// </code>
/// Paced by the engine: every captured 10 ms frame sends one frame and plays one frame, so both directions run on
/// the sound card's clock (one clock domain, no drift between them). A one-shot timer on the injected clock polls
/// the capture ring every <see cref="PollInterval"/> while a call is attached and drains what is waiting; the
/// engine's thread never waits for it. Per frame: no allocation, no lock, no logging.
/// </summary>
public sealed class MediaPump : IDisposable
{
    /// <summary>The default poll interval: half a frame, so a frame waits 5 ms at most.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(5);

    private static readonly TimeSpan FailureLogInterval = TimeSpan.FromSeconds(10);

    private readonly AudioFrameRing _captureRing;
    private readonly AudioFrameRing _playbackRing;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly short[] _captured;
    private readonly short[] _playback;
    private readonly ITimer _timer;
    private readonly Lock _attachGate = new();
    private MediaCall? _call;
    private volatile bool _running;
    private volatile bool _clearPending;
    private bool _disposed;
    private long _frames;
    private long _framesWithoutCall;
    private long _playbackDrops;
    private long _failures;
    private long _lastFailureLog;
    private int _largestBacklog;

    /// <summary>Creates the pump between an engine's rings (<see cref="AudioEngine.CaptureRing"/>, <see cref="AudioEngine.PlaybackRing"/>).</summary>
    public MediaPump(AudioFrameRing captureRing, AudioFrameRing playbackRing, TimeProvider timeProvider, ILogger<MediaPump> logger, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(captureRing);
        ArgumentNullException.ThrowIfNull(playbackRing);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        if (captureRing.FrameSamples != playbackRing.FrameSamples)
        {
            throw new ArgumentException("The capture and playback rings must carry frames of the same size.", nameof(playbackRing));
        }

        _captureRing = captureRing;
        _playbackRing = playbackRing;
        _timeProvider = timeProvider;
        _logger = logger;
        PollInterval = pollInterval ?? DefaultPollInterval;
        _captured = new short[captureRing.FrameSamples];
        _playback = new short[captureRing.FrameSamples];
        _timer = timeProvider.CreateTimer(static state => ((MediaPump)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>How often the capture ring is polled while a call is attached.</summary>
    public TimeSpan PollInterval { get; }

    /// <summary>The call whose audio is pumped, or null.</summary>
    public MediaCall? Call => Volatile.Read(ref _call);

    /// <summary>A snapshot of the counters.</summary>
    public MediaPumpStatistics GetStatistics() => new(
        Interlocked.Read(ref _frames), Interlocked.Read(ref _framesWithoutCall), Interlocked.Read(ref _playbackDrops),
        Interlocked.Read(ref _failures), Volatile.Read(ref _largestBacklog));

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_attachGate)
        {
            _disposed = true;
            _running = false;
            Volatile.Write(ref _call, null);
        }

        _timer.Dispose();
    }

    /// <summary>Starts pumping for <paramref name="call"/>; false when another call holds the pump or the frame sizes differ.</summary>
    internal bool Attach(MediaCall call)
    {
        string? refusal = null;
        lock (_attachGate)
        {
            MediaCall? current = _call;
            if (ReferenceEquals(current, call))
            {
                return true;
            }

            if (_disposed)
            {
                refusal = "the pump is disposed";
            }
            else if (current is not null)
            {
                refusal = $"the audio engine is connected to call {current.Sip.CallId}";
            }
            else if (call.FrameSamples != _captureRing.FrameSamples)
            {
                refusal = $"the call runs {call.FrameSamples} samples per frame, the engine {_captureRing.FrameSamples}";
            }
            else
            {
                // A new call starts with no stale microphone audio; the ring is cleared by its reader, the next poll.
                _clearPending = true;
                Volatile.Write(ref _call, call);
                _running = true;
                _timer.Change(PollInterval, Timeout.InfiniteTimeSpan);
            }
        }

        if (refusal is not null)
        {
            CallLog.PumpRefused(_logger, call.Sip.CallId, refusal);
            return false;
        }

        CallLog.PumpAttached(_logger, call.Sip.CallId, _captureRing.FrameSamples);

        // The call may have ended between its answer and this attach: let go at once then.
        if (call.State == MediaCallState.Ended)
        {
            Detach(call);
        }

        return true;
    }

    /// <summary>Stops pumping for <paramref name="call"/> (nothing when another call holds the pump).</summary>
    internal void Detach(MediaCall call)
    {
        lock (_attachGate)
        {
            if (!ReferenceEquals(_call, call))
            {
                return;
            }

            Volatile.Write(ref _call, null);
            _running = false;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        MediaPumpStatistics statistics = GetStatistics();
        CallLog.PumpDetached(_logger, call.Sip.CallId, statistics.Frames, statistics.PlaybackFramesDropped, statistics.LargestBacklogFrames);
    }

    /// <summary>One poll: every captured frame waiting goes out, one played frame comes back for each.</summary>
    internal void Pump()
    {
        MediaCall? call = Volatile.Read(ref _call);
        if (_clearPending)
        {
            _clearPending = false;
            _captureRing.Clear();
        }

        int backlog = 0;
        while (_captureRing.TryRead(_captured))
        {
            backlog++;
            if (call is null || !call.PumpFrame(_captured, _playback))
            {
                Interlocked.Increment(ref _framesWithoutCall);
                continue;
            }

            Interlocked.Increment(ref _frames);
            if (!_playbackRing.TryWrite(_playback))
            {
                // The loudspeaker side is behind (or stopped): drop and count, never wait.
                Interlocked.Increment(ref _playbackDrops);
            }
        }

        if (backlog > _largestBacklog)
        {
            Volatile.Write(ref _largestBacklog, backlog);
        }
    }

    private void OnTimer()
    {
        try
        {
            Pump();
        }
#pragma warning disable CA1031 // The pump must survive our own bugs: count, log rate-limited, go on (STYLE.md habit 5).
        catch (Exception exception)
#pragma warning restore CA1031
        {
            long failures = Interlocked.Increment(ref _failures);
            long now = _timeProvider.GetTimestamp();
            if (_lastFailureLog == 0 || _timeProvider.GetElapsedTime(_lastFailureLog, now) >= FailureLogInterval)
            {
                _lastFailureLog = now;
                CallLog.PumpFailed(_logger, failures, exception);
            }
        }

        if (_running)
        {
            try
            {
                _timer.Change(PollInterval, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Disposed while this poll ran.
            }
        }
    }
}
