using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Intercom.Audio.Processing;

/// <summary>
/// Spectral post-filter after the linear canceller: removes what the adaptive filter leaves (misadjustment,
/// loudspeaker distortion, a path that just changed) and the background noise, and leaves the near-end talker
/// alone. The residual echo per bin is the echo estimate times a leakage factor per band, measured as the
/// regression of the error power on the echo-estimate power: the near-end talker is uncorrelated with the echo
/// estimate, so double talk does not inflate it. The gain is a Wiener gain on (residual echo + noise) with
/// a decision-directed a-priori estimate and separate floors for echo and noise.
/// </summary>
internal sealed class ResidualEchoSuppressor
{
    private readonly int bins;
    private readonly int[] bandStart;
    private readonly float[] meanError;
    private readonly float[] meanEcho;
    private readonly float[] covariance;
    private readonly float[] variance;
    private readonly float[] leakage;
    private readonly float[] leakagePerBin;
    private readonly float[] residual;
    private readonly float[] previousClean;
    private readonly EchoCancellerTuning tuning;

    public ResidualEchoSuppressor(int bins, int paddedBins, EchoCancellerTuning tuning)
    {
        this.bins = bins;
        this.tuning = tuning;
        // Leakage bands: roughly octave-spaced above 500 Hz (bins are 50 Hz wide at every rate).
        var starts = new List<int> { 0, 4, 10, 20, 40, 80, 120 };
        starts.RemoveAll(start => start >= bins);
        starts.Add(bins);
        bandStart = starts.ToArray();
        int bands = bandStart.Length - 1;
        meanError = new float[bands];
        meanEcho = new float[bands];
        covariance = new float[bands];
        variance = new float[bands];
        leakage = new float[bands];
        leakagePerBin = new float[paddedBins];
        residual = new float[paddedBins];
        previousClean = new float[paddedBins];
        Reset();
    }

    /// <summary>Residual echo power per bin from the last call.</summary>
    public ReadOnlySpan<float> ResidualEchoPower => residual;

    /// <summary>Leakage of the lowest speech band (diagnostics).</summary>
    public float Leakage(int band) => leakage[band];

    /// <summary>Forgets all state.</summary>
    public void Reset()
    {
        Array.Clear(meanError);
        Array.Clear(meanEcho);
        Array.Clear(covariance);
        Array.Clear(variance);
        Array.Fill(leakage, tuning.LeakageInitial);
        Array.Clear(residual);
        Array.Clear(previousClean);
    }

    /// <summary>
    /// Computes the gain per bin from the power spectra of the error (linear canceller output), the echo
    /// estimate and the noise estimate.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ComputeGains(ReadOnlySpan<float> errorPower, ReadOnlySpan<float> echoPower, ReadOnlySpan<float> noisePower, Span<float> gains)
    {
        UpdateLeakage(errorPower, echoPower);

        var e2 = MemoryMarshal.Cast<float, Vector<float>>(errorPower);
        var y2 = MemoryMarshal.Cast<float, Vector<float>>(echoPower);
        var n2 = MemoryMarshal.Cast<float, Vector<float>>(noisePower);
        var eta = MemoryMarshal.Cast<float, Vector<float>>(leakagePerBin.AsSpan());
        var r = MemoryMarshal.Cast<float, Vector<float>>(residual.AsSpan());
        var clean = MemoryMarshal.Cast<float, Vector<float>>(previousClean.AsSpan());
        var g = MemoryMarshal.Cast<float, Vector<float>>(gains);
        var decay = new Vector<float>(tuning.ResidualDecay);
        var echoOver = new Vector<float>(tuning.EchoOverSubtraction);
        var noiseOver = new Vector<float>(tuning.NoiseOverSubtraction);
        var dd = new Vector<float>(tuning.DecisionDirectedWeight);
        var oneMinusDd = new Vector<float>(1f - tuning.DecisionDirectedWeight);
        var echoFloor = new Vector<float>(tuning.EchoGainFloor);
        var noiseFloor = new Vector<float>(tuning.NoiseGainFloor);
        var tiny = new Vector<float>(1e-20f);
        for (int v = 0; v < g.Length; v++)
        {
            r[v] = Vector.Max(eta[v] * y2[v], decay * r[v]);
            var echoPart = echoOver * r[v];
            var noisePart = noiseOver * n2[v];
            var interference = echoPart + noisePart + tiny;
            var posterior = e2[v] / interference;
            var prior = (dd * clean[v] / interference) + (oneMinusDd * Vector.Max(posterior - Vector<float>.One, Vector<float>.Zero));
            var wiener = prior / (Vector<float>.One + prior);
            var floor = ((echoPart * echoFloor) + (noisePart * noiseFloor)) / interference;
            g[v] = Vector.Max(wiener, floor);
            clean[v] = g[v] * g[v] * e2[v];
        }

        gains[bins..].Clear();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdateLeakage(ReadOnlySpan<float> errorPower, ReadOnlySpan<float> echoPower)
    {
        float rate = tuning.LeakageRate;
        for (int b = 0; b < leakage.Length; b++)
        {
            float error = 0, echo = 0;
            for (int k = bandStart[b]; k < bandStart[b + 1]; k++)
            {
                error += errorPower[k];
                echo += echoPower[k];
            }

            if (echo > tuning.LeakageEchoFloor * (bandStart[b + 1] - bandStart[b]))
            {
                meanError[b] += rate * (error - meanError[b]);
                meanEcho[b] += rate * (echo - meanEcho[b]);
                float de = error - meanError[b];
                float dy = echo - meanEcho[b];
                covariance[b] += rate * ((de * dy) - covariance[b]);
                variance[b] += rate * ((dy * dy) - variance[b]);
                float estimate = covariance[b] / (variance[b] + 1e-20f);
                leakage[b] = Math.Clamp(estimate, tuning.LeakageMinimum, tuning.LeakageMaximum);
            }

            leakagePerBin.AsSpan(bandStart[b], bandStart[b + 1] - bandStart[b]).Fill(leakage[b]);
        }
    }
}
