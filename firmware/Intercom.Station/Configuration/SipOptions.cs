using Intercom.Sip.Configuration;

namespace Intercom.Station.Configuration;

/// <summary>
/// The SIP section: <c>sip</c>. Accounts reuse the SIP library's <see cref="SipAccountOptions"/>; codecs, SRTP, RTP
/// ports and the RTP timeout are in the <c>media</c> section (per account there too).
/// </summary>
public sealed class SipOptions
{
    /// <summary>At most two accounts, in failover order. Empty: direct IP calls only.</summary>
    public IReadOnlyList<SipAccountOptions> Accounts { get; set; } = [];

    /// <summary>The address the SIP sockets bind to.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>The SIP UDP port (0 picks a free one).</summary>
    public int UdpPort { get; set; } = 5060;

    /// <summary>The SIP TCP port (0 picks a free one).</summary>
    public int TcpPort { get; set; } = 5060;

    /// <summary>Per-source rate limit and ban list against SIP scanners and floods (on by default).</summary>
    public SipBanListOptions BanList { get; set; } = new();
}
