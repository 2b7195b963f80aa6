using Intercom.Media.Codecs;
using Intercom.Media.Sdp;
using Intercom.Sip.Configuration;

namespace Intercom.Station.Configuration;

/// <summary>The SIP and media section: <c>sip</c>. Accounts reuse the SIP library's <see cref="SipAccountOptions"/>.</summary>
public sealed class SipOptions
{
    /// <summary>At most two accounts, in failover order. Empty: direct IP calls only.</summary>
    public IReadOnlyList<SipAccountOptions> Accounts { get; set; } = [];

    /// <summary>The address SIP and RTP sockets bind to.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>The SIP UDP port (0 picks a free one).</summary>
    public int UdpPort { get; set; } = 5060;

    /// <summary>The SIP TCP port (0 picks a free one).</summary>
    public int TcpPort { get; set; } = 5060;

    /// <summary>The lowest RTP port (even); 0 with <see cref="RtpPortMaximum"/> 0 lets the system pick.</summary>
    public int RtpPortMinimum { get; set; } = 20000;

    /// <summary>The highest RTP port.</summary>
    public int RtpPortMaximum { get; set; } = 20999;

    /// <summary>Codecs in order of preference.</summary>
    public IReadOnlyList<AudioCodec> Codecs { get; set; } = [AudioCodec.Opus, AudioCodec.G722, AudioCodec.Pcma, AudioCodec.Pcmu];

    /// <summary>Off, optional (offered, plain RTP accepted) or mandatory (calls without SRTP fail with 488).</summary>
    public SrtpPolicy Srtp { get; set; } = SrtpPolicy.Optional;

    /// <summary>A call whose peer sends no RTP for this long is hung up.</summary>
    public TimeSpan RtpTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
