namespace Intercom.Media.Codecs.Opus;

/// <summary>Opus decoder over native libopus with its own PLC and in-band FEC recovery (RFC 7587 §3.1).</summary>
public sealed unsafe class OpusDecoder : IAudioDecoder
{
    private readonly OpusDecoderHandle handle;

    /// <summary>Creates a mono decoder producing PCM at 8, 12, 16, 24 or 48 kHz.</summary>
    public OpusDecoder(int sampleRateHz)
    {
        handle = OpusNative.DecoderCreate(sampleRateHz, 1, out int error);
        if (error != 0 || handle.IsInvalid)
        {
            handle.Dispose();
            throw new InvalidOperationException($"opus_decoder_create({sampleRateHz} Hz) failed with {error}");
        }

        SampleRateHz = sampleRateHz;
    }

    /// <inheritdoc />
    public AudioCodec Codec => AudioCodec.Opus;

    /// <inheritdoc />
    public int SampleRateHz { get; }

    /// <inheritdoc />
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        fixed (byte* data = payload)
        fixed (short* samples = pcm)
        {
            int decoded = OpusNative.Decode(handle, data, payload.Length, samples, pcm.Length, 0);
            return decoded < 0 ? -1 : decoded;
        }
    }

    /// <inheritdoc />
    public void Conceal(Span<short> pcm)
    {
        fixed (short* samples = pcm)
        {
            // A null payload asks libopus for its packet-loss concealment of frame_size samples.
            int decoded = OpusNative.Decode(handle, null, 0, samples, pcm.Length, 0);
            if (decoded < 0)
            {
                pcm.Clear();
            }
        }
    }

    /// <inheritdoc />
    public int DecodeRedundancy(ReadOnlySpan<byte> nextPayload, Span<short> pcm)
    {
        fixed (byte* data = nextPayload)
        fixed (short* samples = pcm)
        {
            // decode_fec = 1 decodes the LBRR copy of the previous frame carried in the next packet.
            int decoded = OpusNative.Decode(handle, data, nextPayload.Length, samples, pcm.Length, 1);
            if (decoded < 0)
            {
                Conceal(pcm);
                return pcm.Length;
            }

            return decoded;
        }
    }

    /// <inheritdoc />
    public void Dispose() => handle.Dispose();
}
