namespace Intercom.Media.Codecs;

/// <summary>G.711 encoder (PCMU or PCMA) at 8000 Hz, one byte per sample.</summary>
public sealed class G711Encoder : IAudioEncoder
{
    private readonly bool aLaw;

    /// <summary>Creates a µ-law (<see cref="AudioCodec.Pcmu"/>) or A-law (<see cref="AudioCodec.Pcma"/>) encoder.</summary>
    public G711Encoder(AudioCodec codec)
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
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        if (payload.Length < pcm.Length)
        {
            return -1;
        }

        G711.Encode(pcm, payload, aLaw);
        return pcm.Length;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
