using Intercom.Audio.Engine;
using Intercom.Station.Calls;

namespace Intercom.Station.Tests.Calls;

/// <summary>
/// Stands in for an audio engine in loopback call tests: every 10 ms it puts one microphone frame (a tone or
/// silence) into the capture ring and keeps what the pump wrote into the playback ring.
/// </summary>
internal sealed class EngineStandIn : IDisposable
{
    private readonly short[] _frame = new short[CallPair.SampleRateHz / 100];
    private readonly List<short> _heard = [];
    private long _sampleIndex;

    public EngineStandIn(double microphoneToneHz)
    {
        MicrophoneToneHz = microphoneToneHz;
        (Capture, Playback, Pump) = CallPair.Engine();
    }

    public double MicrophoneToneHz { get; set; }

    public AudioFrameRing Capture { get; }

    public AudioFrameRing Playback { get; }

    public MediaPump Pump { get; }

    /// <summary>Everything played so far.</summary>
    public short[] Heard
    {
        get
        {
            lock (_heard)
            {
                return [.. _heard];
            }
        }
    }

    /// <summary>Runs the stand-ins for <paramref name="duration"/> (or until <paramref name="until"/> holds) in 10 ms steps.</summary>
    public static async Task RunAsync(IReadOnlyList<EngineStandIn> engines, TimeSpan duration, CancellationToken cancellationToken, Func<bool>? until = null)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < duration && until?.Invoke() != true)
        {
            await timer.WaitForNextTickAsync(cancellationToken);
            foreach (EngineStandIn engine in engines)
            {
                engine.Tick();
            }
        }
    }

    public void Dispose() => Pump.Dispose();

    private void Tick()
    {
        if (MicrophoneToneHz > 0)
        {
            ToneAnalysis.Fill(_frame, MicrophoneToneHz, CallPair.SampleRateHz, ref _sampleIndex);
        }
        else
        {
            Array.Clear(_frame);
        }

        Capture.TryWrite(_frame);
        lock (_heard)
        {
            while (Playback.TryRead(_frame))
            {
                _heard.AddRange(_frame);
            }
        }
    }
}
