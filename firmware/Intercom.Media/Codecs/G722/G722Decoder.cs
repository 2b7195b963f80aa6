namespace Intercom.Media.Codecs.G722;

/// <summary>
/// ITU-T G.722 decoder, 64 kbit/s (mode 1): one byte in, two 16 kHz samples out (G.722 §4), with
/// waveform-substitution concealment for lost packets.
/// </summary>
public sealed class G722Decoder : IAudioDecoder
{
    private readonly int[] qmfHistory = new int[24];
    private readonly G722Band lower = new(32);
    private readonly G722Band higher = new(8);
    private readonly PacketLossConcealer concealer = new(16000);

    /// <inheritdoc />
    public AudioCodec Codec => AudioCodec.G722;

    /// <inheritdoc />
    public int SampleRateHz => 16000;

    /// <inheritdoc />
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        if (pcm.Length < payload.Length * 2)
        {
            return -1;
        }

        int[] h = G722Tables.QmfCoefficients;
        for (int n = 0; n < payload.Length; n++)
        {
            int lowerCode = payload[n] & 0x3F;
            int higherCode = payload[n] >> 6;

            // Lower band: 6-bit inverse quantizer for the output, 4-bit for the predictor (§4.3).
            int reconstructedLower = lower.Prediction + ((lower.ScaleFactor * G722Tables.Qm6[lowerCode]) >> 15);
            reconstructedLower = Math.Clamp(reconstructedLower, -16384, 16383);
            int truncated = lowerCode >> 2;
            int lowerDifference = (lower.ScaleFactor * G722Tables.Qm4[truncated]) >> 15;
            lower.AdaptScale(G722Tables.Wl[G722Tables.Rl42[truncated]], 18432, 8);
            lower.UpdatePredictor(lowerDifference);

            // Higher band (§4.4).
            int higherDifference = (higher.ScaleFactor * G722Tables.Qm2[higherCode]) >> 15;
            int reconstructedHigher = Math.Clamp(higher.Prediction + higherDifference, -16384, 16383);
            higher.AdaptScale(G722Tables.Wh[G722Tables.Rh2[higherCode]], 22528, 10);
            higher.UpdatePredictor(higherDifference);

            // Receive QMF (§4.5).
            qmfHistory.AsSpan(2).CopyTo(qmfHistory);
            qmfHistory[22] = reconstructedLower + reconstructedHigher;
            qmfHistory[23] = reconstructedLower - reconstructedHigher;
            int sumEven = 0, sumOdd = 0;
            for (int i = 0; i < 12; i++)
            {
                sumEven += qmfHistory[2 * i] * h[i];
                sumOdd += qmfHistory[(2 * i) + 1] * h[11 - i];
            }

            pcm[2 * n] = (short)G722Band.Saturate(sumOdd >> 11);
            pcm[(2 * n) + 1] = (short)G722Band.Saturate(sumEven >> 11);
        }

        int samples = payload.Length * 2;
        concealer.Remember(pcm[..samples]);
        return samples;
    }

    /// <inheritdoc />
    public void Conceal(Span<short> pcm) => concealer.Conceal(pcm);

    /// <inheritdoc />
    public int DecodeRedundancy(ReadOnlySpan<byte> nextPayload, Span<short> pcm)
    {
        concealer.Conceal(pcm);
        return pcm.Length;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
