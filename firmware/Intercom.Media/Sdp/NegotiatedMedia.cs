using System.Net;
using Intercom.Media.Codecs;
using Intercom.Media.Srtp;

namespace Intercom.Media.Sdp;

/// <summary>
/// The result of one offer/answer exchange, everything a <c>MediaSession</c> needs: codec and payload types,
/// where to send, packetization, direction and the SRTP keys. Contains key material: never log it whole.
/// </summary>
public sealed record NegotiatedMedia
{
    /// <summary>The codec both sides send.</summary>
    public required AudioCodec Codec { get; init; }

    /// <summary>Its payload type.</summary>
    public required int PayloadType { get; init; }

    /// <summary>telephone-event payload type, or -1 when the peer does not do RFC 4733.</summary>
    public int TelephoneEventPayloadType { get; init; } = -1;

    /// <summary>Clock rate of the telephone-event payload type.</summary>
    public int TelephoneEventClockRateHz { get; init; } = 8000;

    /// <summary>Packetization time to send.</summary>
    public TimeSpan Ptime { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Where to send RTP (before symmetric-RTP latching).</summary>
    public required IPEndPoint RemoteRtp { get; init; }

    /// <summary>Where to send RTCP (the RTP address when <see cref="RtcpMux"/>).</summary>
    public required IPEndPoint RemoteRtcp { get; init; }

    /// <summary>RTP and RTCP share one port (RFC 5761).</summary>
    public bool RtcpMux { get; init; }

    /// <summary>Our direction after negotiation (hold is SendOnly or Inactive).</summary>
    public MediaDirection Direction { get; init; } = MediaDirection.SendReceive;

    /// <summary>The SRTP suite, or <see cref="SrtpCryptoSuite.None"/> for plain RTP.</summary>
    public SrtpCryptoSuite SrtpSuite { get; init; }

    /// <summary>Our master key and salt (we encrypt with it), empty without SRTP.</summary>
    public byte[] LocalMasterKeyAndSalt { get; init; } = [];

    /// <summary>The peer's master key and salt (we decrypt with it), empty without SRTP.</summary>
    public byte[] RemoteMasterKeyAndSalt { get; init; } = [];

    /// <summary>The peer asked for Opus in-band FEC.</summary>
    public bool OpusInbandFec { get; init; }

    /// <summary>One line for the log and the status page, without keys.</summary>
    public string Summary =>
        $"{AudioCodecInfo.EncodingName(Codec)}/{AudioCodecInfo.RtpClockRateHz(Codec)} pt {PayloadType}, ptime {Ptime.TotalMilliseconds} ms, " +
        $"telephone-event {(TelephoneEventPayloadType < 0 ? "none" : TelephoneEventPayloadType.ToString(System.Globalization.CultureInfo.InvariantCulture))}, " +
        $"{(SrtpSuite == SrtpCryptoSuite.None ? "RTP in the clear" : "SRTP " + SrtpSuiteParameters.SdesName(SrtpSuite))}, " +
        $"{Direction.ToAttributeName()}, remote {RemoteRtp}{(RtcpMux ? " rtcp-mux" : "")}";
}
