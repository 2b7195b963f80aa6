namespace Intercom.Audio.Processing;

/// <summary>
/// Every constant of the echo canceller in one place, with its reason. Powers are in the units of an
/// unscaled FFT of samples scaled to ±1; rates are per 10 ms block.
/// </summary>
internal sealed class EchoCancellerTuning
{
    // --- Main filter (Kalman step control) ---

    /// <summary>Partitions after the bulk delay where the direct path may sit (delay estimate ± one block).</summary>
    public int PriorFlatPartitions { get; set; } = 4;

    /// <summary>Prior misalignment decay per partition beyond them (a 60 dB tail over ~300 ms).</summary>
    public float PriorDecayPerPartition { get; set; } = 0.7f;

    /// <summary>Σ_m of the prior misalignment: an echo path as loud as the far end (0 dB echo return loss).</summary>
    public float PriorEchoPathGain { get; set; } = 4f;

    /// <summary>The error block is half of the overlap-save window: its power counts twice.</summary>
    public float ErrorPowerWeight { get; set; } = 2f;

    /// <summary>Keeps the Kalman gain finite in bins without any signal.</summary>
    public float KalmanRegularisation { get; set; } = 1e-9f;

    /// <summary>Scale on the Kalman gain applied to the weights.</summary>
    public float KalmanStepScale { get; set; } = 1f;

    /// <summary>Fraction of the misalignment an update can observe (half the window is output).</summary>
    public float ObservedFraction { get; set; } = 0.2f;

    /// <summary>A² of the random-walk path model; 1 − A² feeds |W|² back into P so the filter keeps tracking.</summary>
    public float TransitionSquared { get; set; } = 0.9999f;

    /// <summary>Process-noise floor relative to the prior, so P never collapses to zero.</summary>
    public float ProcessNoiseFloor { get; set; } = 1e-5f;

    /// <summary>Partitions per filter that get the gradient constraint each block (round robin).</summary>
    public int ConstrainedPartitionsPerBlock { get; set; } = 1;

    // --- Foreground / background supervision ---

    /// <summary>Smoothing rate of the block error energies compared.</summary>
    public float SupervisionRate { get; set; } = 0.3f;

    /// <summary>Significance factor of an improvement against the filters' difference energy.</summary>
    public float SupervisionSignificance { get; set; } = 0.1f;

    /// <summary>Background error energy below this fraction of the foreground's counts as "better".</summary>
    public float BackgroundBetterRatio { get; set; } = 0.9f;

    /// <summary>Consecutive "better" blocks before the background becomes the foreground.</summary>
    public int BackgroundBetterBlocks { get; set; } = 2;

    /// <summary>Background error this many times the foreground's: the background restarts from the foreground.</summary>
    public float BackgroundDivergedRatio { get; set; } = 2f;

    /// <summary>Background error energy this many times the microphone energy means a changed echo path.</summary>
    public float PathChangeRatio { get; set; } = 1.5f;

    /// <summary>Consecutive blocks of that before the misalignment is raised.</summary>
    public int PathChangeBlocks { get; set; } = 10;

    /// <summary>Misalignment raised to at least this fraction of the prior after a path change.</summary>
    public float MisalignmentAfterPathChange { get; set; } = 0.5f;

    // --- Delay ---

    /// <summary>Rate of the running mean of the log band powers.</summary>
    public float DelayMeanRate { get; set; } = 0.005f;

    /// <summary>Floor added to band powers before the logarithm (about −90 dBFS).</summary>
    public float DelayPowerFloor { get; set; } = 1e-6f;

    /// <summary>Averaging rate of the lag correlations (~0.5 s).</summary>
    public float DelayCorrelationRate { get; set; } = 0.02f;

    /// <summary>Blocks before any estimate is given.</summary>
    public int DelayWarmUpBlocks { get; set; } = 40;

    /// <summary>Least normalised correlation for an estimate.</summary>
    public float DelayMinimumCorrelation { get; set; } = 0.25f;

    /// <summary>Least margin of the best lag over the average lag.</summary>
    public float DelayMinimumMargin { get; set; } = 0.1f;

    /// <summary>Blocks the best lag has to stay before it is reported.</summary>
    public int DelayStableBlocks { get; set; } = 20;

    /// <summary>Blocks a different lag has to stay before an established estimate moves to it.</summary>
    public int DelayChangeBlocks { get; set; } = 100;

    /// <summary>Least normalised correlation for moving an established estimate.</summary>
    public float DelayChangeMinimumCorrelation { get; set; } = 0.6f;

    /// <summary>Blocks the converged filter must have been broken before an established delay may move.</summary>
    public int DelayChangeBrokenBlocks { get; set; } = 30;

    /// <summary>Largest share of the adapting filter's energy a later alignment may drop (−10 dB).</summary>
    public float DelayDroppedEnergyShare { get; set; } = 0.1f;

    /// <summary>Foreground error below this fraction of the microphone energy once: the filter has converged.</summary>
    public float ConvergedErrorRatio { get; set; } = 0.1f;

    /// <summary>Partitions kept in front of the estimated delay (estimate error, drift, a path that moves closer).</summary>
    public int DelayMarginBlocks { get; set; } = 2;

    /// <summary>The filters move only when the wanted alignment differs by at least this many blocks.</summary>
    public int DelayHysteresisBlocks { get; set; } = 2;

    // --- Clock drift (delay-locked loop) ---

    /// <summary>Output filter error below this fraction of the microphone energy: the echo estimate is good enough to measure on.</summary>
    public float DriftUsableErrorRatio { get; set; } = 0.5f;

    /// <summary>Natural frequency of the second-order loop (settles in a few seconds, slow against speech pauses).</summary>
    public double DriftLoopBandwidthHz { get; set; } = 0.25;

    /// <summary>Damping of the loop (0.7: no overshoot worth speaking of).</summary>
    public double DriftLoopDamping { get; set; } = 0.7;

    /// <summary>Smoothing rate of the loop's correlation sums (~50 ms).</summary>
    public double DriftMeasurementRate { get; set; } = 0.2;

    /// <summary>Residual delay worth correcting (σ of the measurement weight): 0.1 sample at 16 kHz.</summary>
    public double DriftMeasurementDeviationMicroseconds { get; set; } = 6.25;

    /// <summary>Largest offset taken from one measurement (the linearisation holds only for small offsets): one sample at 16 kHz.</summary>
    public double DriftMaximumOffsetMicroseconds { get; set; } = 62.5;

    /// <summary>Least compensating delay (the fractional-delay interpolator needs half its length before the sample).</summary>
    public double DriftMinimumDelaySamples { get; set; } = 32;

    /// <summary>Drift rate the loop is sure of (its rate wanders by a few ppm around zero on a shared clock).</summary>
    public double DriftSignificantPartsPerMillion { get; set; } = 10;

    /// <summary>Largest drift compensated.</summary>
    public double DriftMaximumPartsPerMillion { get; set; } = 500;

    // --- Suppressor ---

    /// <summary>Leakage before anything was measured.</summary>
    public float LeakageInitial { get; set; } = 0.5f;

    /// <summary>Averaging rate of the leakage regression.</summary>
    public float LeakageRate { get; set; } = 0.05f;

    /// <summary>Echo-estimate power per bin below which a band does not update its leakage.</summary>
    public float LeakageEchoFloor { get; set; } = 1e-6f;

    /// <summary>Lower bound of the leakage (−33 dB).</summary>
    public float LeakageMinimum { get; set; } = 0.0005f;

    /// <summary>Upper bound of the leakage.</summary>
    public float LeakageMaximum { get; set; } = 1f;

    /// <summary>Averaging rate of the echo-path-gain regression (error on far-end tail power).</summary>
    public float EchoPathGainRate { get; set; } = 0.03f;

    /// <summary>Far-end tail power per bin below which a band does not update its echo path gain.</summary>
    public float EchoPathGainFarFloor { get; set; } = 1e-6f;

    /// <summary>Largest echo path gain.</summary>
    public float EchoPathGainMaximum { get; set; } = 4f;

    /// <summary>Per-partition weight of the far-end tail power (a reverberation decay, ~2 dB per 10 ms).</summary>
    public float FarTailDecayPerPartition { get; set; } = 0.6f;

    /// <summary>Per-block decay of the residual-echo estimate (covers the reverberant tail of the residual).</summary>
    public float ResidualDecay { get; set; } = 0.5f;

    /// <summary>Over-subtraction of residual echo while a near-end talker is present (the leakage estimate alone; below one, as a Wiener gain on a fair estimate would cost the talker more than the echo it removes).</summary>
    public float EchoOverSubtraction { get; set; } = 0.3f;

    /// <summary>Over-subtraction of residual echo while the far end talks alone.</summary>
    public float EchoOverSubtractionFarEndAlone { get; set; } = 6f;

    /// <summary>Weight of the filter's predicted misalignment echo (overlap-save units → STFT units, ×½).</summary>
    public float MisalignmentEchoWeight { get; set; } = 0.125f;

    /// <summary>Largest scale of the filter's predicted misalignment echo.</summary>
    public float MisalignmentScaleMaximum { get; set; } = 10f;

    /// <summary>Multiple of the residual-echo estimate not counted as near end by the presence detector.</summary>
    public float PresenceResidualWeight { get; set; } = 3f;

    /// <summary>Multiple of the noise estimate the presence detector removes (the minimum tracker sits below the mean).</summary>
    public float PresenceNoiseWeight { get; set; } = 6f;

    /// <summary>Foreground error energy above this fraction of the microphone energy starts to count as a broken filter.</summary>
    public float BrokenFilterRatio { get; set; } = 0.7f;

    /// <summary>Microphone power above this many times the predicted raw echo means a talker, not a broken filter.</summary>
    public float BrokenEchoExplainsMic { get; set; } = 3f;

    /// <summary>Share of the microphone power left after the linear canceller (less noise) that means a near-end talker (−12 dB).</summary>
    public float NearEndShareForPresence { get; set; } = 0.06f;

    /// <summary>Foreground error below this fraction of the microphone energy once (20 dB): deep enough to look for a near-end talker.</summary>
    public float PresenceConvergedErrorRatio { get; set; } = 0.01f;

    /// <summary>Attack rate of the near-end presence.</summary>
    public float NearEndAttack { get; set; } = 0.5f;

    /// <summary>Release rate of the near-end presence (~0.2 s).</summary>
    public float NearEndRelease { get; set; } = 0.05f;

    /// <summary>Over-subtraction of noise.</summary>
    public float NoiseOverSubtraction { get; set; } = 1.5f;

    /// <summary>Weight of the previous block in the decision-directed a-priori estimate.</summary>
    public float DecisionDirectedWeight { get; set; } = 0.5f;

    /// <summary>Least gain where residual echo dominates.</summary>
    public float EchoGainFloor { get; set; } = 0.003f;

    /// <summary>Least gain where residual echo dominates while the near end talks.</summary>
    public float EchoGainFloorDoubleTalk { get; set; } = 0.5f;

    /// <summary>Least gain where noise dominates (how much the noise is reduced).</summary>
    public float NoiseGainFloor { get; set; } = 0.125f;

    // --- Noise estimator ---

    /// <summary>Smoothing of the periodogram fed to the minimum tracker.</summary>
    public float NoiseSmoothing { get; set; } = 0.5f;

    /// <summary>How fast the estimate follows the periodogram downwards.</summary>
    public float NoiseFallRate { get; set; } = 0.2f;

    /// <summary>Relative rise per block when the periodogram is above the estimate (~1 dB/s).</summary>
    public float NoiseRiseRate { get; set; } = 0.0025f;
}
