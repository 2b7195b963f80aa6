using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Intercom.Audio.Processing;

/// <summary>
/// Acoustic echo canceller for the door station: a partitioned frequency-domain adaptive filter that finds the
/// echo delay and the clock drift between loudspeaker and microphone itself, then a residual-echo and noise
/// suppressor that keeps the visitor's voice during double talk.
/// <code>
///  speaker ─┬─► FFT ─► delay estimator (lags 0 … 400 ms) ───────────────┐ bulk delay (whole blocks)
///           └─► aligner: delay d, fractional, follows the drift ◄───────┤◄── drift estimator (filter phase)
///                  │                                                   │
///                  ▼ FFT(2N) ─► far-end history (M blocks)              │
///                         ├──► background filter (Kalman step) ──► ŷb ──┤ supervision: copy b→f when
///                         └──► foreground filter (output)      ──► ŷ  ──┘ clearly better, f→b when b ran off
///  microphone y ─────────────────────────────────────────────────────────► e = y − ŷ
///                                                                           │
///  e, ŷ, y, far ─► √Hann STFT ─► residual echo = max(leakage·|Ŷ|², gain·|X|², κ·misalignment, …)
///                               + noise (minimum tracking) ─► Wiener gain (deep far end alone,
///                               gentle with a talker at the door) ─► inverse STFT, overlap-add ─► output
/// </code>
/// Blocks of N = 10 ms, overlap-save with FFT length 2N, partitions of one block. The linear stage adds no
/// delay; the suppressor's 50 % overlap-add adds one block (10 ms). Everything is allocated in the
/// constructor; <see cref="Process"/> allocates nothing, takes no lock and does not log. Counters are read
/// from other threads through <see cref="Statistics"/>.
/// </summary>
public sealed class EchoCanceller : ICaptureProcessor
{
    private const float SampleScale = 1f / 32768f;

    private readonly EchoCancellerTuning tuning;
    private readonly bool noiseSuppression;
    private readonly int frame;
    private readonly int bins;
    private readonly int paddedBins;
    private readonly RealFft fft;
    private readonly FarEndAligner aligner;
    private readonly FarEndHistory far;
    private readonly DelayLockedLoop delayLockedLoop;
    private readonly PartitionedFilter background;
    private readonly PartitionedFilter foreground;
    private readonly KalmanStepControl kalmanStep;
    private readonly EchoDelayEstimator delayEstimator;
    private readonly NoiseEstimator noiseEstimator;
    private readonly ResidualEchoSuppressor suppressor;
    private readonly float[] window;

    // Time-domain blocks (N) and windows (2N).
    private readonly float[] farBlock;
    private readonly float[] farWindow;
    private readonly float[] micPrevious;
    private readonly float[] mic;
    private readonly float[] echo;
    private readonly float[] echoPrevious;
    private readonly float[] error;
    private readonly float[] errorPrevious;
    private readonly float[] backgroundError;
    private readonly float[] timeScratch;
    private readonly float[] overlap;

    // Spectra (padded bins).
    private readonly float[] spectrumReal;
    private readonly float[] spectrumImaginary;
    private readonly float[] errorReal;
    private readonly float[] errorImaginary;
    private readonly float[] errorPower;
    private readonly float[] micPower;
    private readonly float[] farUnalignedPower;
    private readonly float[] farTailPower;
    private readonly float[] echoPower;
    private readonly float[] analysisPower;
    private readonly float[] noisePower;
    private readonly float[] gains;

    private int delayBlocks;
    private double driftSamplesPerBlock;
    private int backgroundBetterBlocks;
    private int brokenBlocks;
    private bool filterConverged;
    private bool filterConvergedDeeply;
    private bool aligned;
    private int worseThanMicBlocks;
    private long pathChanges;
    private long restarts;
    private float smoothedForeground;
    private float smoothedBackground;
    private float smoothedMic;
    private float smoothedDifference;
    private long blocks;
    private long foregroundUpdates;
    private long backgroundResets;
    private long delayChanges;

    /// <summary>Creates a canceller; all buffers are allocated here.</summary>
    public EchoCanceller(EchoCancellerOptions options)
        : this(options, new EchoCancellerTuning())
    {
    }

    internal EchoCanceller(EchoCancellerOptions options, EchoCancellerTuning tuning)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tuning);
        options.Validate();
        this.tuning = tuning;
        noiseSuppression = options.NoiseSuppression;
        SampleRateHz = options.SampleRateHz;
        frame = options.SampleRateHz / 100;
        bins = frame + 1;
        paddedBins = SpectrumMath.PaddedLength(bins);
        Partitions = (int)Math.Ceiling(options.EchoTailLength.TotalMilliseconds / 10.0);
        int maximumDelayBlocks = (int)Math.Ceiling(options.MaximumEchoDelay.TotalMilliseconds / 10.0) + 1;

        fft = new RealFft(2 * frame);
        aligner = new FarEndAligner(frame, maximumDelayBlocks * frame, Partitions + 1);
        // The drift loop moves the delay by fractions of a sample either way; the interpolator needs samples
        // on both sides, so the alignment starts (and, moved by whole blocks, stays) that far from zero.
        aligner.SetDelay(tuning.DriftMinimumDelaySamples);
        far = new FarEndHistory(Partitions + 1, paddedBins);
        delayLockedLoop = new DelayLockedLoop(frame, tuning);
        background = new PartitionedFilter(Partitions, paddedBins, bins);
        foreground = new PartitionedFilter(Partitions, paddedBins, bins);
        kalmanStep = new KalmanStepControl(Partitions, paddedBins, tuning);
        delayEstimator = new EchoDelayEstimator(maximumDelayBlocks, bins, tuning);
        noiseEstimator = new NoiseEstimator(paddedBins, tuning);
        suppressor = new ResidualEchoSuppressor(bins, paddedBins, tuning);

        // √Hann (periodic): analysis × synthesis = Hann, which sums to one at 50 % overlap.
        window = new float[2 * frame];
        for (int n = 0; n < window.Length; n++)
        {
            window[n] = MathF.Sqrt(0.5f - (0.5f * MathF.Cos(2f * MathF.PI * n / window.Length)));
        }

        farBlock = new float[frame];
        farWindow = new float[2 * frame];
        micPrevious = new float[frame];
        mic = new float[frame];
        echo = new float[frame];
        echoPrevious = new float[frame];
        error = new float[frame];
        errorPrevious = new float[frame];
        backgroundError = new float[frame];
        timeScratch = new float[2 * frame];
        overlap = new float[frame];

        spectrumReal = new float[paddedBins];
        spectrumImaginary = new float[paddedBins];
        errorReal = new float[paddedBins];
        errorImaginary = new float[paddedBins];
        errorPower = new float[paddedBins];
        micPower = new float[paddedBins];
        farUnalignedPower = new float[paddedBins];
        farTailPower = new float[paddedBins];
        echoPower = new float[paddedBins];
        analysisPower = new float[paddedBins];
        noisePower = new float[paddedBins];
        gains = new float[paddedBins];
    }

    /// <inheritdoc />
    public int FrameSamples => frame;

    /// <summary>Sample rate in Hz.</summary>
    public int SampleRateHz { get; }

    /// <summary>Number of 10 ms partitions of the adaptive filter.</summary>
    public int Partitions { get; }

    /// <summary>Bulk delay the filters are aligned to (the estimated echo delay less a safety margin).</summary>
    public TimeSpan FilterAlignment => TimeSpan.FromMilliseconds(10 * Volatile.Read(ref delayBlocks));

    /// <summary>Estimated clock drift of the loudspeaker relative to the microphone, in parts per million.</summary>
    public double ClockDriftPartsPerMillion => -1e6 * Volatile.Read(ref driftSamplesPerBlock) / frame;

    /// <summary>Echo delay found by the delay estimator, or null while none is known.</summary>
    public TimeSpan? EstimatedEchoDelay
    {
        get
        {
            int estimate = delayEstimator.DelayBlocks;
            return estimate < 0 ? null : TimeSpan.FromMilliseconds(10 * estimate);
        }
    }

    /// <summary>Counters for the engine to report outside the audio thread (may be read while processing runs).</summary>
    public EchoCancellerStatistics Statistics => new(
        Volatile.Read(ref blocks), Volatile.Read(ref foregroundUpdates), Volatile.Read(ref backgroundResets),
        Volatile.Read(ref delayChanges), Volatile.Read(ref pathChanges), Volatile.Read(ref restarts));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Process(ReadOnlySpan<short> speaker, ReadOnlySpan<short> microphone, Span<short> output)
    {
        if (speaker.Length != frame || microphone.Length != frame || output.Length != frame)
        {
            throw new ArgumentException($"Frames of {frame} samples expected.", nameof(speaker));
        }

        AnalyseFarEnd(speaker);
        for (int n = 0; n < frame; n++)
        {
            mic[n] = microphone[n] * SampleScale;
        }

        AnalyseMicrophone();
        delayEstimator.Update(farUnalignedPower, micPower);
        AlignToEstimatedDelay();
        KeepRoomForDrift();

        // Linear stage: the background filter adapts, the foreground filter (a copy taken whenever the
        // background is clearly better) makes the output, so double talk can never spoil the output filter.
        float foregroundEnergy = PredictAndSubtract(foreground, error, echo);
        float backgroundEnergy = PredictAndSubtract(background, backgroundError, null);
        if (!float.IsFinite(foregroundEnergy) || !float.IsFinite(backgroundEnergy))
        {
            // Our bug, not the input's (16-bit samples are always finite): start the filters over rather
            // than send noise to the call.
            Restart();
            foregroundEnergy = PredictAndSubtract(foreground, error, echo);
            backgroundEnergy = PredictAndSubtract(background, backgroundError, null);
        }

        SuperviseFilters(foregroundEnergy, backgroundEnergy, SpectrumMath.SumOfSquares(mic));

        ErrorSpectrum(backgroundError);
        kalmanStep.Update(background, far, errorReal, errorImaginary, errorPower);
        TrackDrift();

        for (int c = 0; c < tuning.ConstrainedPartitionsPerBlock; c++)
        {
            background.ConstrainNext(fft);
        }

        Suppress(output);

        mic.AsSpan().CopyTo(micPrevious);
        Volatile.Write(ref blocks, blocks + 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AnalyseFarEnd(ReadOnlySpan<short> speaker)
    {
        for (int n = 0; n < frame; n++)
        {
            farBlock[n] = speaker[n] * SampleScale;
        }

        aligner.Push(farBlock);

        // The delay estimator looks at the far end as played; the filters at the far end delayed (and,
        // with drift, resampled) by the aligner.
        aligner.UnalignedWindow(farWindow);
        fft.Forward(farWindow, spectrumReal, spectrumImaginary);
        SpectrumMath.Power(spectrumReal, spectrumImaginary, farUnalignedPower);

        if (driftSamplesPerBlock != 0)
        {
            aligner.SetDelay(aligner.DelaySamples + driftSamplesPerBlock);
        }

        aligner.NextAlignedWindow(farWindow);
        fft.Forward(farWindow, spectrumReal, spectrumImaginary);
        far.Push(spectrumReal, spectrumImaginary);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AnalyseMicrophone()
    {
        for (int n = 0; n < frame; n++)
        {
            timeScratch[n] = micPrevious[n] * window[n];
            timeScratch[frame + n] = mic[n] * window[frame + n];
        }

        fft.Forward(timeScratch, spectrumReal, spectrumImaginary);
        SpectrumMath.Power(spectrumReal, spectrumImaginary, micPower);
    }

    private void AlignToEstimatedDelay()
    {
        int estimate = delayEstimator.DelayBlocks;
        if (estimate < 0)
        {
            return;
        }

        int wanted = Math.Max(0, estimate - tuning.DelayMarginBlocks);
        int current = (int)Math.Floor((aligner.DelaySamples / frame) + 0.5);
        int change = wanted - current;
        if (Math.Abs(change) < tuning.DelayHysteresisBlocks)
        {
            // The present alignment agrees with the estimate: it counts as established, so a later estimate
            // has to pass the same checks as after a move (a short delay never needs a move at all).
            aligned = true;
            return;
        }

        // Once the filter has converged, a moved delay shows as a broken filter (its error as large as the
        // microphone signal while the far end explains it). Without that, a new estimate is more likely a
        // near-end talker fooling the estimator, and moving would throw away a good filter.
        if (aligned && filterConverged && brokenBlocks < tuning.DelayChangeBrokenBlocks)
        {
            return;
        }

        // A later alignment drops the first partitions. If the adapting filter still finds the echo there
        // (a talker at the door fooled the estimator, and the filter, slowed by the double talk, was not
        // broken by it for long), moving would cut the direct path off for good.
        if (aligned && filterConverged && change > 0 && background.EnergyShareOfFirst(change) > tuning.DelayDroppedEnergyShare)
        {
            return;
        }

        aligned = true;
        MoveAlignment(change);
    }

    // Jump by whole blocks (keeping any drift fraction), rebuild the far-end history for the new delay and
    // move the filter partitions along, so what was learnt stays valid.
    private void MoveAlignment(int change)
    {
        aligner.SetDelay(aligner.DelaySamples + (change * frame));
        for (int blocksAgo = Partitions; blocksAgo >= 0; blocksAgo--)
        {
            aligner.AlignedWindow(blocksAgo, farWindow);
            fft.Forward(farWindow, spectrumReal, spectrumImaginary);
            far.Push(spectrumReal, spectrumImaginary);
        }

        background.Shift(change);
        foreground.Shift(change);
        kalmanStep.Shift(change);
        delayLockedLoop.Forget();
        Volatile.Write(ref delayBlocks, (int)(aligner.DelaySamples / frame));
        Volatile.Write(ref delayChanges, delayChanges + 1);
    }

    // A loudspeaker clock that runs fast makes the echo come ever earlier, so the compensating delay shrinks.
    // Before it reaches the interpolator's minimum, the alignment steps one block later and the delay grows
    // by a block, provided the estimated echo delay leaves room (the direct sound is further in).
    private void KeepRoomForDrift()
    {
        // Only for a drift the loop is sure of: near zero its rate wanders by a few ppm either way, and a move
        // while the filter is converged costs a moment of cancellation for nothing.
        double significant = tuning.DriftSignificantPartsPerMillion * 1e-6 * frame;
        if (driftSamplesPerBlock > -significant || aligner.DelaySamples >= tuning.DriftMinimumDelaySamples)
        {
            return;
        }

        int estimate = delayEstimator.DelayBlocks;
        int current = (int)(aligner.DelaySamples / frame);
        if (estimate - current >= tuning.DelayMarginBlocks)
        {
            MoveAlignment(1);
        }
    }

    // Clock drift: a delay-locked loop on the output filter's error and echo estimate moves the aligner's
    // delay so that the echo path the filter sees stays still; its integral part is the drift rate, applied
    // every block in AnalyseFarEnd. Measured on the output filter, whose echo estimate double talk cannot spoil.
    private void TrackDrift()
    {
        bool usable = smoothedMic > 0 && smoothedForeground < tuning.DriftUsableErrorRatio * smoothedMic;
        double correction = delayLockedLoop.Update(error, echo, echoPrevious[frame - 1], usable);
        if (correction != 0)
        {
            aligner.SetDelay(aligner.DelaySamples + correction);
        }

        Volatile.Write(ref driftSamplesPerBlock, delayLockedLoop.RateSamplesPerBlock);
    }

    private void Restart()
    {
        background.Reset();
        foreground.Reset();
        kalmanStep.Reset();
        suppressor.Reset();
        noiseEstimator.Reset();
        delayLockedLoop.Reset();
        Array.Clear(overlap);
        Array.Clear(echoPrevious);
        Array.Clear(errorPrevious);
        smoothedForeground = smoothedBackground = smoothedMic = smoothedDifference = 0;
        Volatile.Write(ref restarts, restarts + 1);
    }

    // Overlap-save: the last N samples of IFFT(Ŷ) are the echo estimate of the current block.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float PredictAndSubtract(PartitionedFilter filter, float[] blockError, float[]? blockEcho)
    {
        filter.Filter(far, spectrumReal, spectrumImaginary);
        fft.Inverse(spectrumReal.AsSpan(0, bins), spectrumImaginary.AsSpan(0, bins), timeScratch);
        float energy = 0;
        for (int n = 0; n < frame; n++)
        {
            float estimate = timeScratch[frame + n];
            float e = mic[n] - estimate;
            blockError[n] = e;
            energy += e * e;
        }

        if (blockEcho is not null)
        {
            timeScratch.AsSpan(frame, frame).CopyTo(blockEcho);
        }
        return energy;
    }

    // FFT of [N zeros, error block]: the gradient input of overlap-save adaptation.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ErrorSpectrum(float[] blockError)
    {
        timeScratch.AsSpan(0, frame).Clear();
        blockError.AsSpan().CopyTo(timeScratch.AsSpan(frame));
        fft.Forward(timeScratch, errorReal, errorImaginary);
        SpectrumMath.Power(errorReal, errorImaginary, errorPower);
    }

    // Two-filter supervision on smoothed block energies. The near end adds the same to both errors, but a
    // background that adapted in double talk can cancel a little of the near end by chance. So an improvement
    // only counts when it is large against the energy of the difference between the two filters' outputs:
    // (F − B)² > F·D, with F, B the error energies and D the difference energy.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SuperviseFilters(float foregroundEnergy, float backgroundEnergy, float micEnergy)
    {
        float difference = 0;
        for (int n = 0; n < frame; n++)
        {
            float d = error[n] - backgroundError[n];
            difference += d * d;
        }

        float rate = tuning.SupervisionRate;
        smoothedForeground += rate * (foregroundEnergy - smoothedForeground);
        smoothedBackground += rate * (backgroundEnergy - smoothedBackground);
        smoothedDifference += rate * (difference - smoothedDifference);
        smoothedMic += rate * (micEnergy - smoothedMic);
        float gain = smoothedForeground - smoothedBackground;
        bool significant = gain * gain > tuning.SupervisionSignificance * smoothedForeground * smoothedDifference;
        if (gain > 0 && significant && smoothedBackground < tuning.BackgroundBetterRatio * smoothedForeground)
        {
            backgroundBetterBlocks++;
        }
        else
        {
            backgroundBetterBlocks = 0;
        }

        if (backgroundBetterBlocks >= tuning.BackgroundBetterBlocks)
        {
            foreground.CopyFrom(background);
            smoothedForeground = smoothedBackground;
            smoothedDifference = 0;
            backgroundBetterBlocks = 0;
            Volatile.Write(ref foregroundUpdates, foregroundUpdates + 1);
        }
        else if (gain < 0 && significant && smoothedBackground > tuning.BackgroundDivergedRatio * smoothedForeground)
        {
            background.CopyFrom(foreground);
            smoothedBackground = smoothedForeground;
            smoothedDifference = 0;
            Volatile.Write(ref backgroundResets, backgroundResets + 1);
        }

        // An error larger than the microphone signal cannot be double talk (the near end is in both alike):
        // the echo path changed under the filter. The Kalman filter would read the new echo as near-end
        // noise and hardly move, so its misalignment is raised back towards the prior.
        worseThanMicBlocks = smoothedBackground > tuning.PathChangeRatio * smoothedMic ? worseThanMicBlocks + 1 : 0;
        if (worseThanMicBlocks >= tuning.PathChangeBlocks)
        {
            kalmanStep.RaiseTo(tuning.MisalignmentAfterPathChange);
            delayLockedLoop.Forget();
            worseThanMicBlocks = 0;
            Volatile.Write(ref pathChanges, pathChanges + 1);
        }
    }

    // Post-filter on the √Hann STFT of the error, synthesis by overlap-add: output lags input by one block.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Suppress(Span<short> output)
    {
        for (int n = 0; n < frame; n++)
        {
            timeScratch[n] = echoPrevious[n] * window[n];
            timeScratch[frame + n] = echo[n] * window[frame + n];
        }

        fft.Forward(timeScratch, spectrumReal, spectrumImaginary);
        SpectrumMath.Power(spectrumReal, spectrumImaginary, echoPower);

        for (int n = 0; n < frame; n++)
        {
            timeScratch[n] = errorPrevious[n] * window[n];
            timeScratch[frame + n] = error[n] * window[frame + n];
        }

        fft.Forward(timeScratch, spectrumReal, spectrumImaginary);
        SpectrumMath.Power(spectrumReal, spectrumImaginary, analysisPower);

        noiseEstimator.Update(analysisPower);
        if (noiseSuppression)
        {
            noiseEstimator.NoisePower.CopyTo(noisePower);
        }

        FarTailPower();
        // Output filter broken: its error energy approaches the microphone energy (0 at ≤ 70 %, 1 at ≥ 100 %).
        float broken = smoothedMic > 0 ? Math.Clamp(((smoothedForeground / smoothedMic) - tuning.BrokenFilterRatio) / (1f - tuning.BrokenFilterRatio), 0f, 1f) : 0f;
        if (smoothedMic > 0 && smoothedForeground < tuning.ConvergedErrorRatio * smoothedMic)
        {
            filterConverged = true;
        }

        if (smoothedMic > 0 && smoothedForeground < tuning.PresenceConvergedErrorRatio * smoothedMic)
        {
            filterConvergedDeeply = true;
        }

        suppressor.ComputeGains(analysisPower, echoPower, noisePower, micPower, farTailPower, kalmanStep.PredictedResidualPower, broken, filterConvergedDeeply, gains);
        brokenBlocks = suppressor.FilterBroken > 0.5f ? brokenBlocks + 1 : 0;
        for (int k = 0; k < bins; k++)
        {
            spectrumReal[k] *= gains[k];
            spectrumImaginary[k] *= gains[k];
        }

        fft.Inverse(spectrumReal.AsSpan(0, bins), spectrumImaginary.AsSpan(0, bins), timeScratch);
        for (int n = 0; n < frame; n++)
        {
            float sample = overlap[n] + (timeScratch[n] * window[n]);
            overlap[n] = timeScratch[frame + n] * window[frame + n];
            output[n] = ToSample(sample);
        }

        echo.AsSpan().CopyTo(echoPrevious);
        error.AsSpan().CopyTo(errorPrevious);
    }

    // Far-end power as heard in the microphone after the bulk delay: Σ_m d^m·|X_m,k|² over the partitions.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FarTailPower()
    {
        var tail = MemoryMarshal.Cast<float, Vector<float>>(farTailPower.AsSpan());
        tail.Clear();
        float weight = 1;
        for (int m = 0; m < Partitions && weight > 1e-3f; m++)
        {
            var x2 = MemoryMarshal.Cast<float, Vector<float>>(far.Power(m));
            var w = new Vector<float>(weight);
            for (int v = 0; v < tail.Length; v++)
            {
                tail[v] += w * x2[v];
            }

            weight *= tuning.FarTailDecayPerPartition;
        }
    }

    private static short ToSample(float value)
    {
        float scaled = MathF.Round(value * 32768f);
        return scaled >= short.MaxValue ? short.MaxValue : scaled <= short.MinValue ? short.MinValue : (short)scaled;
    }
}
