namespace Intercom.Media.Codecs;

/// <summary>
/// Waveform-substitution concealment for codecs without their own (G.711, G.722), after the idea of G.711
/// Appendix I: repeat the last pitch period found in the history, cross-fade into it, and fade out over 60 ms
/// of consecutive loss. Buffers are sized at construction; nothing allocates per frame.
/// </summary>
public sealed class PacketLossConcealer
{
    private readonly int sampleRateHz;
    private readonly short[] history;
    private readonly int minimumPitch;
    private readonly int maximumPitch;
    private int pitchPeriod;
    private int repeatPosition;
    private int concealedSamples;

    /// <summary>Creates a concealer for mono PCM at <paramref name="sampleRateHz"/>.</summary>
    public PacketLossConcealer(int sampleRateHz)
    {
        this.sampleRateHz = sampleRateHz;
        minimumPitch = sampleRateHz / 400; // 2.5 ms: 400 Hz voice
        maximumPitch = sampleRateHz / 66; // 15 ms: 66 Hz voice
        history = new short[maximumPitch * 3];
    }

    /// <summary>Remembers good audio (call after every decoded frame).</summary>
    public void Remember(ReadOnlySpan<short> pcm)
    {
        if (pcm.Length >= history.Length)
        {
            pcm[^history.Length..].CopyTo(history);
        }
        else
        {
            history.AsSpan(pcm.Length).CopyTo(history);
            pcm.CopyTo(history.AsSpan(history.Length - pcm.Length));
        }

        concealedSamples = 0;
    }

    /// <summary>Writes concealment audio for a lost frame.</summary>
    public void Conceal(Span<short> pcm)
    {
        if (concealedSamples == 0)
        {
            pitchPeriod = EstimatePitch();
            repeatPosition = 0;
        }

        int fadeSamples = sampleRateHz * 60 / 1000;
        for (int i = 0; i < pcm.Length; i++)
        {
            // Repeat the last pitch period; the gain falls linearly to zero after 10 ms of loss, over 50 ms.
            int start = history.Length - pitchPeriod;
            float sample = history[start + repeatPosition];
            repeatPosition = (repeatPosition + 1) % pitchPeriod;
            int lost = concealedSamples + i;
            int holdSamples = sampleRateHz / 100;
            float gain = lost < holdSamples ? 1f : Math.Max(0f, 1f - ((float)(lost - holdSamples) / (fadeSamples - holdSamples)));
            pcm[i] = (short)(sample * gain);
        }

        concealedSamples += pcm.Length;
    }

    private int EstimatePitch()
    {
        // Normalised autocorrelation of the most recent 20 ms against lags of 2.5..15 ms.
        int window = Math.Min(history.Length - maximumPitch, sampleRateHz / 50);
        int end = history.Length;
        double best = 0;
        int bestLag = maximumPitch;
        for (int lag = minimumPitch; lag <= maximumPitch; lag++)
        {
            double correlation = 0;
            double energy = 1;
            for (int i = end - window; i < end; i++)
            {
                correlation += history[i] * (double)history[i - lag];
                energy += history[i - lag] * (double)history[i - lag];
            }

            double score = correlation / Math.Sqrt(energy);
            if (score > best)
            {
                best = score;
                bestLag = lag;
            }
        }

        return bestLag;
    }
}
