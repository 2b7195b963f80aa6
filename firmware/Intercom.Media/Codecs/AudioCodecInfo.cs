namespace Intercom.Media.Codecs;

/// <summary>SDP and timing facts of each <see cref="AudioCodec"/>.</summary>
public static class AudioCodecInfo
{
    /// <summary>The rtpmap encoding name.</summary>
    public static string EncodingName(AudioCodec codec) => codec switch
    {
        AudioCodec.Pcmu => "PCMU",
        AudioCodec.Pcma => "PCMA",
        AudioCodec.G722 => "G722",
        _ => "opus",
    };

    /// <summary>The RTP clock rate in the rtpmap (G.722 says 8000 for historical reasons, RFC 3551 §4.5.2).</summary>
    public static int RtpClockRateHz(AudioCodec codec) => codec == AudioCodec.Opus ? 48000 : 8000;

    /// <summary>The sample rate of the codec's audio.</summary>
    public static int SampleRateHz(AudioCodec codec) => codec switch
    {
        AudioCodec.G722 => 16000,
        AudioCodec.Opus => 48000,
        _ => 8000,
    };

    /// <summary>The rtpmap channel count (RFC 7587 §7 always says 2 for Opus).</summary>
    public static int Channels(AudioCodec codec) => codec == AudioCodec.Opus ? 2 : 1;

    /// <summary>The static payload type, or -1 for a dynamic one.</summary>
    public static int StaticPayloadType(AudioCodec codec) => codec switch
    {
        AudioCodec.Pcmu => 0,
        AudioCodec.Pcma => 8,
        AudioCodec.G722 => 9,
        _ => -1,
    };

    /// <summary>Maps an rtpmap encoding name and clock rate to a codec.</summary>
    public static bool TryFromEncodingName(string name, int clockRateHz, out AudioCodec codec)
    {
        foreach (AudioCodec candidate in new[] { AudioCodec.Pcmu, AudioCodec.Pcma, AudioCodec.G722, AudioCodec.Opus })
        {
            if (name.Equals(EncodingName(candidate), StringComparison.OrdinalIgnoreCase) && clockRateHz == RtpClockRateHz(candidate))
            {
                codec = candidate;
                return true;
            }
        }

        codec = AudioCodec.Pcmu;
        return false;
    }
}
