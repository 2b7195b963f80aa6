using System.Net;
using Intercom.Media.Codecs;
using Intercom.Media.Jitter;
using Intercom.Media.Srtp;

namespace Intercom.Media.Session;

/// <summary>A snapshot of one call's media for the log, the status page and tests.</summary>
public sealed record MediaSessionStatistics
{
    /// <summary>The codec in use.</summary>
    public AudioCodec Codec { get; init; }

    /// <summary>The SRTP suite, <see cref="SrtpCryptoSuite.None"/> for RTP in the clear.</summary>
    public SrtpCryptoSuite SrtpSuite { get; init; }

    /// <summary>Where RTP goes now (after latching).</summary>
    public IPEndPoint? RemoteEndPoint { get; init; }

    /// <summary>Where RTCP goes now (after RTCP latching; the RTP end point with rtcp-mux).</summary>
    public IPEndPoint? RemoteRtcpEndPoint { get; init; }

    /// <summary>True once we latched to the address media really comes from.</summary>
    public bool Latched { get; init; }

    /// <summary>RTP packets sent (audio and telephone-event).</summary>
    public long PacketsSent { get; init; }

    /// <summary>Valid RTP packets received.</summary>
    public long PacketsReceived { get; init; }

    /// <summary>Packets lost by the sequence numbers (RFC 3550 A.3).</summary>
    public long PacketsLost { get; init; }

    /// <summary>Interarrival jitter (RFC 3550 A.8).</summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>SRTP packets that failed authentication (forged or corrupt), dropped.</summary>
    public long AuthenticationFailures { get; init; }

    /// <summary>SRTP replays dropped.</summary>
    public long ReplayedPackets { get; init; }

    /// <summary>Datagrams that were not valid RTP/RTCP, dropped.</summary>
    public long MalformedPackets { get; init; }

    /// <summary>Packets of a payload type we did not negotiate, dropped.</summary>
    public long UnexpectedPayloadTypes { get; init; }

    /// <summary>RTCP packets received that verified (SRTCP) and parsed.</summary>
    public long RtcpPacketsReceived { get; init; }

    /// <summary>DTMF digits received (all sources).</summary>
    public long DtmfDigits { get; init; }

    /// <summary>The peer's last report: fraction of our packets it lost (0-1).</summary>
    public double RemoteFractionLost { get; init; }

    /// <summary>Round-trip time from RTCP (zero until measured).</summary>
    public TimeSpan RoundTripTime { get; init; }

    /// <summary>The jitter buffer.</summary>
    public JitterBufferStatistics JitterBuffer { get; init; }
}
