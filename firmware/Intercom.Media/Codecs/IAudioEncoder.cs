namespace Intercom.Media.Codecs;

/// <summary>Encodes PCM frames into RTP payloads. Span-based; implementations allocate nothing per frame.</summary>
public interface IAudioEncoder : IDisposable
{
    /// <summary>The codec.</summary>
    AudioCodec Codec { get; }

    /// <summary>Sample rate of the PCM it takes (mono).</summary>
    int SampleRateHz { get; }

    /// <summary>Encodes one packet's worth of samples; returns payload bytes written, or -1 when it failed.</summary>
    int Encode(ReadOnlySpan<short> pcm, Span<byte> payload);
}
