using System.Globalization;
using Intercom.Testing;

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
            if (HasTone(part, rateHz, toneHz))
            {
                withTone++;
            }
        }

        int frame = rateHz / 100;
        int run = 0;
        int longest = 0;
        for (int i = 0; i + frame <= samples.Length; i += frame)
        {
            run = SignalMeasures.Rms(samples.Slice(i, frame)) < SilenceRms ? run + 1 : 0;
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
            if (HasTone(part, rateHz, toneHz))
            {
                end = start + block;
            }
        }

        return Tail(samples.AsSpan(0, end).ToArray(), rateHz, length, skipAtEnd);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"tone in {BlocksWithTone} of {Blocks} blocks of 100 ms ({Share:P0}), longest silence {LongestSilence.TotalMilliseconds:0} ms");

    // A block carries the tone when it is not silent and most of its energy is at the tone's frequency: the Goertzel
    // power against the block's whole energy is 1 for a pure tone filling the block.
    private static bool HasTone(ReadOnlySpan<short> part, int rateHz, double toneHz)
    {
        double energy = SignalMeasures.Energy(part);
        return SignalMeasures.Rms(part) >= SilenceRms && energy > 0
            && 2 * SignalMeasures.GoertzelPower(part, toneHz, rateHz) / (part.Length * energy) >= MinimumToneRatio;
    }
}
