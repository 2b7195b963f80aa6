using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Intercom.Audio.Processing;

/// <summary>
/// Background-noise power per bin by minimum tracking: a lightly smoothed periodogram is followed
/// quickly downwards and only slowly upwards, so speech and echo (which come and go) do not lift it,
/// while a noise floor that really rises is reached within seconds.
/// </summary>
internal sealed class NoiseEstimator
{
    private readonly float[] smoothed;
    private readonly float[] noise;
    private readonly EchoCancellerTuning tuning;
    private bool started;

    public NoiseEstimator(int paddedBins, EchoCancellerTuning tuning)
    {
        this.tuning = tuning;
        smoothed = new float[paddedBins];
        noise = new float[paddedBins];
    }

    /// <summary>Estimated noise power per bin.</summary>
    public ReadOnlySpan<float> NoisePower => noise;

    /// <summary>Forgets the estimate.</summary>
    public void Reset()
    {
        Array.Clear(smoothed);
        Array.Clear(noise);
        started = false;
    }

    /// <summary>Feeds one power spectrum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Update(ReadOnlySpan<float> power)
    {
        var p = MemoryMarshal.Cast<float, Vector<float>>(power);
        var s = MemoryMarshal.Cast<float, Vector<float>>(smoothed.AsSpan());
        var n = MemoryMarshal.Cast<float, Vector<float>>(noise.AsSpan());
        if (!started)
        {
            for (int v = 0; v < s.Length; v++)
            {
                s[v] = p[v];
                n[v] = p[v];
            }

            started = true;
            return;
        }

        var smoothing = new Vector<float>(tuning.NoiseSmoothing);
        var fall = new Vector<float>(tuning.NoiseFallRate);
        var rise = new Vector<float>(1f + tuning.NoiseRiseRate);
        var tiny = new Vector<float>(1e-12f);
        for (int v = 0; v < s.Length; v++)
        {
            s[v] += smoothing * (p[v] - s[v]);
            var below = Vector.LessThan(s[v], n[v]);
            var down = n[v] + (fall * (s[v] - n[v]));
            var up = Vector.Min((n[v] * rise) + tiny, s[v]);
            n[v] = Vector.ConditionalSelect(below, down, up);
        }
    }
}
