namespace Intercom.Media.Codecs;

/// <summary>Decodes RTP payloads into PCM and conceals lost packets. Implementations allocate nothing per frame.</summary>
public interface IAudioDecoder : IDisposable
{
    /// <summary>The codec.</summary>
    AudioCodec Codec { get; }

    /// <summary>Sample rate of the PCM it produces (mono).</summary>
    int SampleRateHz { get; }

    /// <summary>Decodes a payload; returns samples written, or -1 when the payload is corrupt.</summary>
    int Decode(ReadOnlySpan<byte> payload, Span<short> pcm);

    /// <summary>Fills <paramref name="pcm"/> with concealment for one lost packet of that length.</summary>
    void Conceal(Span<short> pcm);

    /// <summary>
    /// Recovers a lost packet from the redundancy in the packet that follows it (Opus in-band FEC, RFC 7587 §3.1).
    /// Codecs without FEC conceal instead. Returns samples written.
    /// </summary>
    int DecodeRedundancy(ReadOnlySpan<byte> nextPayload, Span<short> pcm);
}
