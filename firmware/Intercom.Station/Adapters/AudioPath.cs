using Intercom.Audio.Engine;
using Intercom.Media.Session;
using Microsoft.Extensions.Logging;

namespace Intercom.Station.Adapters;

/// <summary>
/// The door station's one audio path: moves 10 ms frames between the audio engine's rings and the media session of
/// the answered call. Paced by the capture ring (the sound card's clock): each captured frame is encoded and sent,
/// and one decoded frame is taken from the jitter buffer for the loudspeaker. With no call the capture ring is drained.
/// <code>
///   engine.CaptureRing ─► session.WriteFrame ─► RTP        RTP ─► jitter buffer ─► session.ReadFrame ─► engine.PlaybackRing
/// </code>
/// The frame buffers are made once per engine (the host may restart the engine with new settings); the pump
/// allocates nothing per frame.
/// </summary>
public sealed partial class AudioPath : IAsyncDisposable
{
    private static readonly TimeSpan WaitSlice = TimeSpan.FromMilliseconds(50);
    private readonly Func<AudioEngine?> _engine;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<AudioPath> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _pump;
    private AudioEngine? _current;
    private short[] _captured = [];
    private short[] _received = [];
    private MediaSession? _session;
    private bool _toSpeaker;

    /// <summary>Starts pumping on the rings of the engine <paramref name="engine"/> returns (null while none runs).</summary>
    public AudioPath(Func<AudioEngine?> engine, TimeProvider timeProvider, ILogger<AudioPath> logger)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _engine = engine;
        _timeProvider = timeProvider;
        _logger = logger;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>The session on the path, or null.</summary>
    public MediaSession? Session => Volatile.Read(ref _session);

    /// <summary>Frames sent to the network since start.</summary>
    public long FramesSent { get; private set; }

    /// <summary>Puts <paramref name="session"/> on the path; <paramref name="toSpeaker"/> false is listen-only for the far end (nothing is played).</summary>
    public void Connect(MediaSession session, bool toSpeaker)
    {
        ArgumentNullException.ThrowIfNull(session);
        Volatile.Write(ref _toSpeaker, toSpeaker);
        Volatile.Write(ref _session, session);
    }

    /// <summary>Takes <paramref name="session"/> off the path (no-op when another session is on it).</summary>
    public void Disconnect(MediaSession session) => Interlocked.CompareExchange(ref _session, null, session);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _pump.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stopping.Dispose();
    }

    private async Task PumpAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                var engine = _engine();
                if (engine is null)
                {
                    await Task.Delay(WaitSlice, _timeProvider, token).ConfigureAwait(false);
                    continue;
                }

                if (!ReferenceEquals(engine, _current))
                {
                    _current = engine;
                    _captured = new short[engine.Format.FrameSamples];
                    _received = new short[engine.Format.FrameSamples];
                }

                if (!await engine.CaptureRing.WaitToReadAsync(_timeProvider, WaitSlice, token).ConfigureAwait(false))
                {
                    continue;
                }

                while (engine.CaptureRing.TryRead(_captured))
                {
                    var session = Volatile.Read(ref _session);
                    if (session is null)
                    {
                        continue;
                    }

                    session.WriteFrame(_captured);
                    FramesSent++;
                    session.ReadFrame(_received);
                    if (Volatile.Read(ref _toSpeaker))
                    {
                        engine.PlaybackRing.TryWrite(_received);
                    }
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                // The session was disposed between the read and the write: the call just ended.
                Interlocked.Exchange(ref _session, null);
            }
#pragma warning disable CA1031 // STYLE.md: the loop catches, logs and goes on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                AudioPathFailed(_logger, exception);
            }
        }
    }

    [LoggerMessage(EventId = 6100, Level = LogLevel.Error, Message = "The audio path failed on a frame; it goes on")]
    private static partial void AudioPathFailed(ILogger logger, Exception exception);
}
