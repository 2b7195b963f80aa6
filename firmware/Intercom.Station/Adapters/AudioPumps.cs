using Intercom.Audio.Engine;
using Intercom.Station.Calls;
using Microsoft.Extensions.Logging;

namespace Intercom.Station.Adapters;

/// <summary>
/// The door station's one audio path: a <see cref="MediaPump"/> over the rings of the audio engine that runs now. The
/// host may restart the engine with new settings; the next call then gets a pump over the new engine's rings.
/// </summary>
public sealed class AudioPumps : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Func<AudioEngine?> _engine;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<MediaPump> _logger;
    private AudioEngine? _pumpEngine;
    private MediaPump? _pump;

    /// <summary>Pumps for the engine <paramref name="engine"/> returns (null while none runs).</summary>
    public AudioPumps(Func<AudioEngine?> engine, TimeProvider timeProvider, ILogger<MediaPump> logger)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>True while a call's media runs through the pump (the capture ring is read).</summary>
    public bool InUse => Volatile.Read(ref _pump)?.Call is not null;

    /// <summary>The pump for the running engine; null when no engine runs.</summary>
    public MediaPump? Current()
    {
        var engine = _engine();
        lock (_gate)
        {
            if (engine is null)
            {
                return null;
            }

            if (!ReferenceEquals(engine, _pumpEngine))
            {
                _pump?.Dispose();
                _pumpEngine = engine;
                Volatile.Write(ref _pump, new MediaPump(engine.CaptureRing, engine.PlaybackRing, _timeProvider, _logger));
            }

            return _pump;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _pump?.Dispose();
            _pump = null;
            _pumpEngine = null;
        }
    }
}
