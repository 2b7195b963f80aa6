using System.Runtime.CompilerServices;

namespace Intercom.Audio.Processing;

/// <summary>
/// Measures and follows the clock drift between loudspeaker and microphone with a delay-locked loop. When the
/// echo arrives δ samples earlier than the filter predicts it, y(n) ≈ ŷ(n + δ) ≈ ŷ(n) + δ·ŷ′(n), so the error
/// of the output filter holds δ·ŷ′ and δ = ⟨e, ŷ′⟩ / ⟨ŷ′, ŷ′⟩ (a Gauss–Newton step on the delay). The near end,
/// noise and the filter's misalignment are uncorrelated with ŷ′ and only add variance, which is ∝ ⟨e, e⟩ /
/// ⟨ŷ′, ŷ′⟩; each block's measurement is weighted by the inverse of it, so double talk and far-end pauses hardly
/// move the loop. A proportional-integral controller then moves the far-end delay: the integral part is the
/// drift rate (samples per block), the proportional part keeps the loop stable. The measurement does not need a
/// converged filter to be unbiased in rate: a misalignment only adds a constant offset, which the filter learns.
/// </summary>
internal sealed class DelayLockedLoop
{
    private readonly EchoCancellerTuning tuning;
    private readonly double proportionalGain;
    private readonly double integralGain;
    private readonly double maximumRate;
    private readonly double deviationSquared;
    private readonly double maximumOffset;
    private double correlation;
    private double derivativeEnergy;
    private double errorEnergy;

    /// <param name="frame">Samples per block.</param>
    /// <param name="tuning">Loop bandwidth, damping, smoothing and limits.</param>
    public DelayLockedLoop(int frame, EchoCancellerTuning tuning)
    {
        this.tuning = tuning;
        // Second-order loop: natural frequency ωn and damping ζ give, per block of T seconds,
        // Kp = 2ζ·ωn·T and Ki = (ωn·T)² (the standard discretisation of a type-2 PLL).
        double omega = 2 * Math.PI * tuning.DriftLoopBandwidthHz * 0.01;
        proportionalGain = 2 * tuning.DriftLoopDamping * omega;
        integralGain = omega * omega;
        maximumRate = tuning.DriftMaximumPartsPerMillion * 1e-6 * frame;
        double samplesPerMicrosecond = frame * 100 * 1e-6;
        double deviation = tuning.DriftMeasurementDeviationMicroseconds * samplesPerMicrosecond;
        deviationSquared = deviation * deviation;
        maximumOffset = tuning.DriftMaximumOffsetMicroseconds * samplesPerMicrosecond;
    }

    /// <summary>Drift rate: how much the far-end delay grows per block, in samples.</summary>
    public double RateSamplesPerBlock { get; private set; }

    /// <summary>Forgets the measurement statistics (the echo estimate no longer describes the path); keeps the rate.</summary>
    public void Forget()
    {
        correlation = 0;
        derivativeEnergy = 0;
        errorEnergy = 0;
    }

    /// <summary>Forgets everything, the rate included.</summary>
    public void Reset()
    {
        Forget();
        RateSamplesPerBlock = 0;
    }

    /// <summary>
    /// One block: the output filter's error and echo estimate of this block and the last echo sample of the
    /// previous block. Returns the correction of the far-end delay, in samples, to apply now (the rate is applied
    /// by the caller every block).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Update(ReadOnlySpan<float> error, ReadOnlySpan<float> echo, float previousEcho, bool usable)
    {
        // ŷ′(n) by the central difference (ŷ(n+1) − ŷ(n−1)) / 2; the last sample of the block has no successor yet.
        double a = 0, b = 0, e = 0;
        float before = previousEcho;
        int last = echo.Length - 1;
        for (int n = 0; n < last; n++)
        {
            double derivative = 0.5 * (echo[n + 1] - before);
            before = echo[n];
            a += error[n] * derivative;
            b += derivative * derivative;
            e += (double)error[n] * error[n];
        }

        double rate = tuning.DriftMeasurementRate;
        correlation += rate * (a - correlation);
        derivativeEnergy += rate * (b - derivativeEnergy);
        errorEnergy += rate * (e - errorEnergy);
        if (!usable || derivativeEnergy <= 0)
        {
            return 0;
        }

        // δ = ⟨e, ŷ′⟩/⟨ŷ′, ŷ′⟩; its variance ≈ ⟨e, e⟩ / (⟨ŷ′, ŷ′⟩·n). Weight w = 1/(1 + variance/σ²), σ the
        // residual delay worth correcting: a clean measurement counts fully, a noisy one in proportion.
        double offset = correlation / derivativeEnergy;
        double variance = errorEnergy / (derivativeEnergy * last);
        double weight = 1 / (1 + (variance / deviationSquared));
        double measured = Math.Clamp(offset, -maximumOffset, maximumOffset) * weight;

        // Echo earlier than predicted (δ > 0): the far end must be delayed less, now and ever more.
        RateSamplesPerBlock = Math.Clamp(RateSamplesPerBlock - (integralGain * measured), -maximumRate, maximumRate);
        return -proportionalGain * measured;
    }
}
