using System.Net;

namespace Intercom.Media.Session;

/// <summary>Settings of a <see cref="MediaSession"/> that do not come from SDP.</summary>
public sealed class MediaSessionOptions
{
    /// <summary>Address to bind the RTP and RTCP sockets to.</summary>
    public IPAddress LocalAddress { get; init; } = IPAddress.Any;

    /// <summary>Lowest RTP port to use (even); 0 lets the system choose.</summary>
    public int RtpPortMinimum { get; init; }

    /// <summary>Highest RTP port to use.</summary>
    public int RtpPortMaximum { get; init; }

    /// <summary>The audio engine's rate: 16000 or 48000 Hz, mono.</summary>
    public int EngineSampleRateHz { get; init; } = 16000;

    /// <summary>End the call when no RTP arrived for this long while we expect to receive (0 disables).</summary>
    public TimeSpan RtpTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Lowest jitter-buffer delay.</summary>
    public TimeSpan JitterMinimumDelay { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Highest jitter-buffer delay.</summary>
    public TimeSpan JitterMaximumDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Interval of RTCP reports (RFC 3550 §6.2 suggests 5 s for a two-party call).</summary>
    public TimeSpan RtcpInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Detect DTMF tones in the received audio until the peer sends RFC 4733 events.</summary>
    public bool InBandDtmfDetection { get; init; } = true;

    /// <summary>Opus bitrate.</summary>
    public int OpusBitrateBitsPerSecond { get; init; } = 32000;

    /// <summary>Returns null when valid, else a message naming the field and the fix.</summary>
    public string? Validate()
    {
        if (EngineSampleRateHz is not (16000 or 48000))
        {
            return $"EngineSampleRateHz is {EngineSampleRateHz}: use 16000 or 48000.";
        }

        if (RtpPortMinimum != 0 && (RtpPortMinimum < 1024 || RtpPortMaximum < RtpPortMinimum + 1 || RtpPortMaximum > 65535))
        {
            return $"RtpPortMinimum/RtpPortMaximum {RtpPortMinimum}-{RtpPortMaximum}: use a range inside 1024-65535 with room for a port pair.";
        }

        if (JitterMinimumDelay < TimeSpan.Zero || JitterMaximumDelay < JitterMinimumDelay || JitterMaximumDelay > TimeSpan.FromSeconds(1))
        {
            return "JitterMinimumDelay must be at least 0 and JitterMaximumDelay between it and 1 s.";
        }

        return null;
    }
}
