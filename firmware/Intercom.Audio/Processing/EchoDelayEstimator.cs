using System.Runtime.CompilerServices;

namespace Intercom.Audio.Processing;

/// <summary>
/// Finds the bulk delay between what the loudspeaker played and its echo in the microphone, in blocks of
/// 10 ms, from the signals alone (a reported delay is never trusted: a wrong one is what breaks WebRTC's
/// AEC1). Per block both signals are reduced to log band powers; for every candidate lag the normalised
/// correlation between the far-end band pattern that many blocks ago and the microphone band pattern now is
/// averaged over about half a second. The lag with the highest correlation wins once it is clearly above
/// chance and has stayed put for a while.
/// </summary>
internal sealed class EchoDelayEstimator
{
    private readonly int bands;
    private readonly int firstBin;
    private readonly int binsPerBand;
    private readonly float[] farDeviation;
    private readonly float[] farMean;
    private readonly float[] micMean;
    private readonly float[] micDeviation;
    private readonly float[] cross;
    private readonly float[] farVariance;
    private readonly EchoCancellerTuning tuning;
    private float micVariance;
    private int newest;
    private int candidate = -1;
    private int candidateBlocks;
    private long blocksSeen;

    public EchoDelayEstimator(int maximumDelayBlocks, int bins, EchoCancellerTuning tuning)
    {
        this.tuning = tuning;
        MaximumDelayBlocks = maximumDelayBlocks;
        // 300 Hz to 4 kHz in bins of 50 Hz (10 ms blocks, FFT over 20 ms: the same bin spacing at every rate).
        firstBin = 6;
        binsPerBand = 3;
        bands = Math.Min(24, (bins - firstBin) / binsPerBand);
        farDeviation = new float[maximumDelayBlocks * bands];
        farMean = new float[bands];
        micMean = new float[bands];
        micDeviation = new float[bands];
        cross = new float[maximumDelayBlocks];
        farVariance = new float[maximumDelayBlocks];
    }

    /// <summary>Largest delay considered, in blocks.</summary>
    public int MaximumDelayBlocks { get; }

    /// <summary>Estimated delay in blocks, −1 until one is found.</summary>
    public int DelayBlocks { get; private set; } = -1;

    /// <summary>Forgets everything.</summary>
    public void Reset()
    {
        Array.Clear(farDeviation);
        Array.Clear(farMean);
        Array.Clear(micMean);
        Array.Clear(cross);
        Array.Clear(farVariance);
        micVariance = 0;
        DelayBlocks = -1;
        candidate = -1;
        candidateBlocks = 0;
        blocksSeen = 0;
    }

    /// <summary>Feeds one block: far-end and microphone power spectra (bins 0 … N).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Update(ReadOnlySpan<float> farPower, ReadOnlySpan<float> micPower)
    {
        newest = newest + 1 == MaximumDelayBlocks ? 0 : newest + 1;
        float meanRate = blocksSeen < 50 ? 1f / (blocksSeen + 1) : tuning.DelayMeanRate;
        Span<float> farNow = farDeviation.AsSpan(newest * bands, bands);
        float micEnergy = 0;
        for (int b = 0; b < bands; b++)
        {
            int bin = firstBin + (b * binsPerBand);
            float far = 0, mic = 0;
            for (int k = bin; k < bin + binsPerBand; k++)
            {
                far += farPower[k];
                mic += micPower[k];
            }

            float farLog = MathF.Log(far + tuning.DelayPowerFloor);
            float micLog = MathF.Log(mic + tuning.DelayPowerFloor);
            farMean[b] += meanRate * (farLog - farMean[b]);
            micMean[b] += meanRate * (micLog - micMean[b]);
            farNow[b] = farLog - farMean[b];
            micDeviation[b] = micLog - micMean[b];
            micEnergy += micDeviation[b] * micDeviation[b];
        }

        blocksSeen++;
        float rate = tuning.DelayCorrelationRate;
        micVariance += rate * (micEnergy - micVariance);
        int best = -1;
        float bestCorrelation = 0;
        float sumCorrelation = 0;
        int lags = (int)Math.Min(MaximumDelayBlocks, blocksSeen);
        for (int lag = 0; lag < lags; lag++)
        {
            int index = newest - lag;
            if (index < 0)
            {
                index += MaximumDelayBlocks;
            }

            ReadOnlySpan<float> farThen = farDeviation.AsSpan(index * bands, bands);
            float product = 0, energy = 0;
            for (int b = 0; b < bands; b++)
            {
                product += farThen[b] * micDeviation[b];
                energy += farThen[b] * farThen[b];
            }

            cross[lag] += rate * (product - cross[lag]);
            farVariance[lag] += rate * (energy - farVariance[lag]);
            float correlation = cross[lag] / MathF.Sqrt((farVariance[lag] * micVariance) + 1e-12f);
            sumCorrelation += correlation;
            if (correlation > bestCorrelation)
            {
                bestCorrelation = correlation;
                best = lag;
            }
        }

        if (blocksSeen < tuning.DelayWarmUpBlocks || best < 0)
        {
            return;
        }

        // The winner must stand out from the average lag and stay (within one block) for a while.
        float average = sumCorrelation / lags;
        if (bestCorrelation < tuning.DelayMinimumCorrelation || bestCorrelation - average < tuning.DelayMinimumMargin)
        {
            candidateBlocks = 0;
            return;
        }

        if (candidate >= 0 && Math.Abs(best - candidate) <= 1)
        {
            candidateBlocks++;
        }
        else
        {
            candidate = best;
            candidateBlocks = 1;
        }

        // The first estimate comes quickly; moving an established one (which realigns the filters) needs a
        // clear correlation held for much longer, so double talk cannot push it around.
        bool established = DelayBlocks >= 0;
        bool moving = established && Math.Abs(best - DelayBlocks) > 1;
        if (!established && candidateBlocks >= tuning.DelayStableBlocks)
        {
            DelayBlocks = best;
        }
        else if (moving && candidateBlocks >= tuning.DelayChangeBlocks && bestCorrelation >= tuning.DelayChangeMinimumCorrelation)
        {
            DelayBlocks = best;
        }
    }
}
