using System.Globalization;

namespace Intercom.Interop.Tests.Hardening;

/// <summary>
/// How much of a recording carries a tone: the share of 100 ms blocks whose energy is mostly at the tone's
/// frequency (Goertzel), and the longest run of silent 10 ms frames.
/// </summary>
internal sealed record ToneShare(int Blocks, int BlocksWithTone, TimeSpan LongestSilence)
{
    private const double MinimumToneRatio = 0.5;
    private const double SilenceRms = 100;

    /// <summary>Share of blocks in which the tone was heard, 0-1.</summary>
    public double Share => Blocks == 0 ? 0 : (double)BlocksWithTone / Blocks;

    /// <summary>Measures <paramref name="samples"/> (mono, <paramref name="rateHz"/>) for a tone of <paramref name="toneHz"/>.</summary>
    public static ToneShare Measure(ReadOnlySpan<short> samples, int rateHz, double toneHz)
    {
        int block = rateHz / 10;
        int blocks = samples.Length / block;
        int withTone = 0;
        for (int i = 0; i < blocks; i++)
        {
            ReadOnlySpan<short> part = samples.Slice(i * block, block);
            if (Rms(part) >= SilenceRms && ToneRatio(part, rateHz, toneHz) >= MinimumToneRatio)
            {
                withTone++;
            }
        }

        int frame = rateHz / 100;
        int run = 0;
        int longest = 0;
        for (int i = 0; i + frame <= samples.Length; i += frame)
        {
            run = Rms(samples.Slice(i, frame)) < SilenceRms ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return new ToneShare(blocks, withTone, TimeSpan.FromMilliseconds(longest * 10));
    }

    /// <summary>The last <paramref name="length"/> before the last <paramref name="skipAtEnd"/> of a recording.</summary>
    public static ReadOnlySpan<short> Tail(short[] samples, int rateHz, TimeSpan length, TimeSpan skipAtEnd)
    {
        int end = Math.Max(0, samples.Length - (int)(skipAtEnd.TotalSeconds * rateHz));
        int start = Math.Max(0, end - (int)(length.TotalSeconds * rateHz));
        return samples.AsSpan(start, end - start);
    }

    /// <summary>
    /// The part of <paramref name="samples"/> of <paramref name="length"/> that ends <paramref name="skipAtEnd"/>
    /// before the last 100 ms block carrying the tone (a recording that goes on after the call ended).
    /// </summary>
    public static ReadOnlySpan<short> BeforeToneEnds(short[] samples, int rateHz, double toneHz, TimeSpan length, TimeSpan skipAtEnd)
    {
        int block = rateHz / 10;
        int end = 0;
        for (int start = 0; start + block <= samples.Length; start += block)
        {
            ReadOnlySpan<short> part = samples.AsSpan(start, block);
            if (Rms(part) >= SilenceRms && ToneRatio(part, rateHz, toneHz) >= MinimumToneRatio)
            {
                end = start + block;
            }
        }

        return Tail(samples.AsSpan(0, end).ToArray(), rateHz, length, skipAtEnd);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"tone in {BlocksWithTone} of {Blocks} blocks of 100 ms ({Share:P0}), longest silence {LongestSilence.TotalMilliseconds:0} ms");

    private static double Rms(ReadOnlySpan<short> part)
    {
        double sum = 0;
        foreach (short sample in part)
        {
            sum += (double)sample * sample;
        }

        return Math.Sqrt(sum / part.Length);
    }

    // Goertzel power at the tone against the block's whole energy: 1 for a pure tone filling the block.
    private static double ToneRatio(ReadOnlySpan<short> part, int rateHz, double toneHz)
    {
        double energy = 0;
        foreach (short sample in part)
        {
            energy += (double)sample * sample;
        }

        double power = Intercom.Testing.Goertzel.Power(part, toneHz, rateHz);
        return energy == 0 ? 0 : 2 * power / (part.Length * energy);
    }
}
