namespace Intercom.Media.Codecs;

/// <summary>The audio codecs this firmware negotiates.</summary>
public enum AudioCodec
{
    /// <summary>G.711 µ-law (RFC 3551 §4.5.14), static payload type 0.</summary>
    Pcmu = 0,

    /// <summary>G.711 A-law (RFC 3551 §4.5.14), static payload type 8.</summary>
    Pcma,

    /// <summary>G.722 at 64 kbit/s (RFC 3551 §4.5.2), static payload type 9, 16 kHz audio on an 8 kHz RTP clock.</summary>
    G722,

    /// <summary>Opus (RFC 7587), dynamic payload type, 48 kHz RTP clock.</summary>
    Opus,
}
