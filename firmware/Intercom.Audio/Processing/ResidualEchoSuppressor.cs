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
    private readonly BandRegression leakage;
    private readonly BandRegression echoPathGain;
    private readonly BandRegression misalignmentScale;
    private readonly BandRegression rawEchoPathGain;
    private readonly float[] residual;
    private readonly float[] previousClean;
    private readonly EchoCancellerTuning tuning;
    private readonly int presenceFirstBin;
    private readonly int presenceLastBin;
    private float nearEndPresence;
    private float smoothedPredictedEcho;
    private float smoothedMicrophone;

    public ResidualEchoSuppressor(int bins, int paddedBins, EchoCancellerTuning tuning)
    {
        this.bins = bins;
        this.tuning = tuning;
        leakage = new BandRegression(bins, paddedBins, tuning.LeakageRate, tuning.LeakageEchoFloor, tuning.LeakageMinimum, tuning.LeakageMaximum, tuning.LeakageInitial);
        echoPathGain = new BandRegression(bins, paddedBins, tuning.EchoPathGainRate, tuning.EchoPathGainFarFloor, 0f, tuning.EchoPathGainMaximum, 0f);
        rawEchoPathGain = new BandRegression(bins, paddedBins, tuning.EchoPathGainRate, tuning.EchoPathGainFarFloor, 0f, tuning.EchoPathGainMaximum, 0f);
        misalignmentScale = new BandRegression(bins, paddedBins, tuning.EchoPathGainRate, tuning.EchoPathGainFarFloor, tuning.MisalignmentEchoWeight, tuning.MisalignmentScaleMaximum, tuning.MisalignmentEchoWeight);
        presenceFirstBin = 2;
        presenceLastBin = Math.Min(bins, 80);
        residual = new float[paddedBins];
        previousClean = new float[paddedBins];
        Reset();
    }

    /// <summary>How broken the output filter was in the last call (0 … 1), after ruling out a near-end talker.</summary>
    public float FilterBroken { get; private set; }

    /// <summary>Forgets all state.</summary>
    public void Reset()
    {
        leakage.Reset();
        echoPathGain.Reset();
        misalignmentScale.Reset();
        rawEchoPathGain.Reset();
        Array.Clear(residual);
        Array.Clear(previousClean);
        nearEndPresence = 0;
        smoothedPredictedEcho = 0;
        smoothedMicrophone = 0;
    }

    /// <summary>
    /// Computes the gain per bin from the power spectra of the error (linear canceller output), the echo
    /// estimate, the noise estimate, the microphone, the far end as heard after the bulk delay (summed over the
    /// tail) and the filter's predicted misalignment echo; <paramref name="filterConverged"/> says whether the
    /// linear filter has once cancelled deeply (only then is a near-end talker looked for).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ComputeGains(
        ReadOnlySpan<float> errorPower, ReadOnlySpan<float> echoPower, ReadOnlySpan<float> noisePower,
        ReadOnlySpan<float> micPower, ReadOnlySpan<float> farTailPower, ReadOnlySpan<float> misalignmentEcho,
        float filterBroken, bool filterConverged, Span<float> gains)
    {
        rawEchoPathGain.Update(micPower, farTailPower);
        leakage.Update(errorPower, echoPower);

        // The filter only counts as broken when the far end explains the microphone power: with a talker at
        // the door the microphone carries more than the predicted echo, and a large error is the talker.
        float predictedEcho = 0, microphonePower = 0;
        ReadOnlySpan<float> rawGain = rawEchoPathGain.SlopePerBin;
        for (int k = presenceFirstBin; k < presenceLastBin; k++)
        {
            predictedEcho += rawGain[k] * farTailPower[k];
            microphonePower += micPower[k];
        }

        smoothedPredictedEcho += 0.5f * (predictedEcho - smoothedPredictedEcho);
        smoothedMicrophone += 0.5f * (microphonePower - smoothedMicrophone);
        if (smoothedMicrophone > tuning.BrokenEchoExplainsMic * smoothedPredictedEcho)
        {
            filterBroken = 0;
        }

        FilterBroken = filterBroken;

        echoPathGain.Update(errorPower, farTailPower);
        misalignmentScale.Update(errorPower, misalignmentEcho);

        // Residual echo: the largest of leakage × echo estimate, remaining echo path gain × far-end power
        // (bands the filter has not learnt, distortion, drift), what the filter's own misalignment predicts,
        // and the previous estimate decayed (the reverberant tail of the residual).
        var e2 = MemoryMarshal.Cast<float, Vector<float>>(errorPower);
        var y2 = MemoryMarshal.Cast<float, Vector<float>>(echoPower);
        var n2 = MemoryMarshal.Cast<float, Vector<float>>(noisePower);
        var x2 = MemoryMarshal.Cast<float, Vector<float>>(farTailPower);
        var m2 = MemoryMarshal.Cast<float, Vector<float>>(misalignmentEcho);
        var eta = MemoryMarshal.Cast<float, Vector<float>>(leakage.SlopePerBin);
        var lambda = MemoryMarshal.Cast<float, Vector<float>>(echoPathGain.SlopePerBin);
        var r = MemoryMarshal.Cast<float, Vector<float>>(residual.AsSpan());
        var decay = new Vector<float>(tuning.ResidualDecay);
        var kappa = MemoryMarshal.Cast<float, Vector<float>>(misalignmentScale.SlopePerBin);
        var raw = MemoryMarshal.Cast<float, Vector<float>>(rawEchoPathGain.SlopePerBin);
        var broken = new Vector<float>(filterBroken);
        for (int v = 0; v < r.Length; v++)
        {
            // While the output filter is broken (its error as large as the microphone signal: just after an
            // echo path change, or before it has learnt anything) the whole echo, as the raw echo path gain
            // predicts it from the far end, counts as residual.
            var estimate = Vector.Max(Vector.Max(eta[v] * y2[v], lambda[v] * x2[v]), Vector.Max(kappa[v] * m2[v], broken * raw[v] * x2[v]));
            r[v] = Vector.Max(estimate, decay * r[v]);
        }
        // Near-end presence: what remains after the linear canceller, less the noise, as a share of the
        // microphone power (100 Hz … 4 kHz). Far end alone, that is the residual echo (−20 … −40 dB with a
        // converged filter); with a talker at the door it is the talker's share (−10 … 0 dB). Fast attack,
        // slow release; it moves the echo over-subtraction between gentle (double talk) and deep (far end alone).
        float remaining = 0, microphone = 0, noise = 0;
        for (int k = presenceFirstBin; k < presenceLastBin; k++)
        {
            remaining += MathF.Max(0, errorPower[k] - (tuning.PresenceNoiseWeight * noisePower[k]) - (tuning.PresenceResidualWeight * residual[k]));
            microphone += micPower[k];
            noise += noisePower[k];
        }

        // Only a microphone clearly above the noise floor can carry a talker.
        float share = microphone > tuning.PresenceNoiseWeight * noise ? remaining / microphone : 0;
        // Before the linear filter has once cancelled deeply, what it leaves is mostly echo it has not learnt
        // yet, and the residual estimates lag behind it: a talker is not looked for then.
        float talker = share >= tuning.NearEndShareForPresence && filterConverged ? 1f - filterBroken : 0f;
        nearEndPresence += (talker > nearEndPresence ? tuning.NearEndAttack : tuning.NearEndRelease) * (talker - nearEndPresence);
        float echoOverSubtraction = tuning.EchoOverSubtraction + ((tuning.EchoOverSubtractionFarEndAlone - tuning.EchoOverSubtraction) * (1f - nearEndPresence));

        var clean = MemoryMarshal.Cast<float, Vector<float>>(previousClean.AsSpan());
        var g = MemoryMarshal.Cast<float, Vector<float>>(gains);
        var echoOver = new Vector<float>(echoOverSubtraction);
        var noiseOver = new Vector<float>(tuning.NoiseOverSubtraction);
        var dd = new Vector<float>(tuning.DecisionDirectedWeight);
        var oneMinusDd = new Vector<float>(1f - tuning.DecisionDirectedWeight);
        var echoFloor = new Vector<float>(tuning.EchoGainFloor + ((tuning.EchoGainFloorDoubleTalk - tuning.EchoGainFloor) * nearEndPresence));
        var noiseFloor = new Vector<float>(tuning.NoiseGainFloor);
        var tiny = new Vector<float>(1e-20f);
        var presence = new Vector<float>(nearEndPresence);
        for (int v = 0; v < g.Length; v++)
        {
            // While the near end talks, only the leakage of the echo estimate counts: the output filter is
            // protected from the double talk, so what it leaves follows its own estimate, and the far-end based
            // bounds (unlearnt bands, misalignment) would only eat into the talker's voice.
            var echoPart = echoOver * (r[v] - (presence * (r[v] - (eta[v] * y2[v]))));
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

}
