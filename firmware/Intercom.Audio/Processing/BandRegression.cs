using System.Runtime.CompilerServices;

namespace Intercom.Audio.Processing;

/// <summary>
/// Per-band running least-squares slope of one power spectrum on another, with intercept:
/// observed ≈ slope·regressor + c. Used to measure how much of the error power follows the echo estimate
/// (leakage) or the far-end power (echo path gain). A near-end talker or noise in the observed power does
/// not follow the regressor, so it moves the intercept, not the slope. Bands are about an octave wide
/// above 500 Hz; bins are 50 Hz wide at every sample rate.
/// </summary>
internal sealed class BandRegression
{
    private static readonly int[] BandEdgesHz = [0, 200, 500, 1000, 2000, 3000, 4000, 6000, 8000, 12000, 16000, 24000];

    private readonly int[] bandStart;
    private readonly float[] meanObserved;
    private readonly float[] meanRegressor;
    private readonly float[] covariance;
    private readonly float[] variance;
    private readonly float[] slope;
    private readonly float[] slopePerBin;
    private readonly float rate;
    private readonly float regressorFloor;
    private readonly float minimum;
    private readonly float maximum;
    private readonly float initial;

    public BandRegression(int bins, int paddedBins, float rate, float regressorFloorPerBin, float minimum, float maximum, float initial)
    {
        var starts = new List<int>();
        foreach (int edge in BandEdgesHz)
        {
            int bin = edge / 50;
            if (bin < bins - 1)
            {
                starts.Add(bin);
            }
        }

        starts.Add(bins);
        bandStart = starts.ToArray();
        int bands = bandStart.Length - 1;
        meanObserved = new float[bands];
        meanRegressor = new float[bands];
        covariance = new float[bands];
        variance = new float[bands];
        slope = new float[bands];
        slopePerBin = new float[paddedBins];
        this.rate = rate;
        this.regressorFloor = regressorFloorPerBin;
        this.minimum = minimum;
        this.maximum = maximum;
        this.initial = initial;
        Reset();
    }

    /// <summary>Slope per bin (the slope of the bin's band).</summary>
    public ReadOnlySpan<float> SlopePerBin => slopePerBin;

    /// <summary>Forgets all statistics.</summary>
    public void Reset()
    {
        Array.Clear(meanObserved);
        Array.Clear(meanRegressor);
        Array.Clear(covariance);
        Array.Clear(variance);
        Array.Fill(slope, initial);
        for (int b = 0; b < slope.Length; b++)
        {
            slopePerBin.AsSpan(bandStart[b], bandStart[b + 1] - bandStart[b]).Fill(initial);
        }
    }

    /// <summary>Adds one block of band sums of both spectra.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Update(ReadOnlySpan<float> observed, ReadOnlySpan<float> regressor)
    {
        for (int b = 0; b < slope.Length; b++)
        {
            int start = bandStart[b], end = bandStart[b + 1];
            float o = 0, r = 0;
            for (int k = start; k < end; k++)
            {
                o += observed[k];
                r += regressor[k];
            }

            if (r <= regressorFloor * (end - start))
            {
                continue;
            }

            meanObserved[b] += rate * (o - meanObserved[b]);
            meanRegressor[b] += rate * (r - meanRegressor[b]);
            float dObserved = o - meanObserved[b];
            float dRegressor = r - meanRegressor[b];
            covariance[b] += rate * ((dObserved * dRegressor) - covariance[b]);
            variance[b] += rate * ((dRegressor * dRegressor) - variance[b]);
            if (variance[b] > 0)
            {
                slope[b] = Math.Clamp(covariance[b] / variance[b], minimum, maximum);
                slopePerBin.AsSpan(start, end - start).Fill(slope[b]);
            }
        }
    }
}
