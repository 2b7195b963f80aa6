namespace Intercom.Media.Codecs;

/// <summary>G.711 decoder (PCMU or PCMA) with waveform-substitution concealment.</summary>
public sealed class G711Decoder : IAudioDecoder
{
    private readonly bool aLaw;
    private readonly PacketLossConcealer concealer = new(8000);

    /// <summary>Creates a µ-law or A-law decoder.</summary>
    public G711Decoder(AudioCodec codec)
    {
        if (codec is not (AudioCodec.Pcmu or AudioCodec.Pcma))
        {
            throw new ArgumentException("G.711 is PCMU or PCMA.", nameof(codec));
        }

        Codec = codec;
        aLaw = codec == AudioCodec.Pcma;
    }

    /// <inheritdoc />
    public AudioCodec Codec { get; }

    /// <inheritdoc />
    public int SampleRateHz => 8000;

    /// <inheritdoc />
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        if (pcm.Length < payload.Length)
        {
            return -1;
        }

        G711.Decode(payload, pcm, aLaw);
        concealer.Remember(pcm[..payload.Length]);
        return payload.Length;
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
