using System.Net;
using Intercom.Media.Sdp;
using Intercom.Media.Session;
using Intercom.Sip.UserAgent;

namespace Intercom.Station.Calls;

/// <summary>
/// A snapshot of one call for the status page and the call log: who, which codec, encrypted or not, how the
/// network behaves. Never contains keys or DTMF digits.
/// </summary>
public sealed record MediaCallStatus
{
    /// <summary>Outgoing or incoming.</summary>
    public SipCallDirection Direction { get; init; }

    /// <summary>The peer's SIP URI.</summary>
    public required string Peer { get; init; }

    /// <summary>The SIP account of the call, null for a direct IP call.</summary>
    public string? Account { get; init; }

    /// <summary>Where the call is.</summary>
    public MediaCallState State { get; init; }

    /// <summary>The codec as SDP names it (e.g. <c>G722/8000</c>), null before negotiation.</summary>
    public string? Codec { get; init; }

    /// <summary>The SRTP suite (e.g. <c>AES_CM_128_HMAC_SHA1_80</c>), or <c>none</c> for RTP in the clear.</summary>
    public string SrtpSuite { get; init; } = "none";

    /// <summary>True when the media is encrypted.</summary>
    public bool IsEncrypted => SrtpSuite != "none";

    /// <summary>Our media direction (hold shows sendonly, recvonly or inactive).</summary>
    public MediaDirection MediaDirection { get; init; }

    /// <summary>Where our RTP goes (after symmetric-RTP latching), null before negotiation.</summary>
    public IPEndPoint? RemoteMedia { get; init; }

    /// <summary>Interarrival jitter of the received RTP (RFC 3550 A.8).</summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>Received RTP packets.</summary>
    public long PacketsReceived { get; init; }

    /// <summary>RTP packets lost on the way to us.</summary>
    public long PacketsLost { get; init; }

    /// <summary>Lost packets in percent of the expected ones.</summary>
    public double LossPercent => PacketsReceived + PacketsLost == 0 ? 0 : 100.0 * PacketsLost / (PacketsReceived + PacketsLost);

    /// <summary>RTP packets sent.</summary>
    public long PacketsSent { get; init; }

    /// <summary>DTMF digits accepted in this call (all transports, duplicates removed).</summary>
    public int DigitsReceived { get; init; }

    /// <summary>From the INVITE to the answer (outgoing) or to our 200 (incoming); null while unanswered.</summary>
    public TimeSpan? SetupTime { get; init; }

    /// <summary>Time talking so far (or in total, once ended).</summary>
    public TimeSpan ConnectedDuration { get; init; }

    /// <summary>How the call ended, null while it runs.</summary>
    public MediaCallEnd? End { get; init; }

    /// <summary>Every media counter (SRTP failures, jitter buffer, RTCP round trip), null before negotiation.</summary>
    public MediaSessionStatistics? Media { get; init; }
}
