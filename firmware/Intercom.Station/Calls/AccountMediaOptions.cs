using Intercom.Media.Codecs;
using Intercom.Media.Sdp;

namespace Intercom.Station.Calls;

/// <summary>
/// Media settings for one SIP account (<c>media.accounts.&lt;name&gt;</c>) that differ from the section's defaults,
/// e.g. G.711 only and SIP INFO DTMF for a PBX trunk, or SRTP mandatory for an account over the internet.
/// A null property keeps the default.
/// </summary>
public sealed class AccountMediaOptions
{
    /// <summary>Codecs in order of preference, or null for the default list.</summary>
    public IList<AudioCodec>? Codecs { get; set; }

    /// <summary>SRTP policy, or null for the default.</summary>
    public SrtpPolicy? Srtp { get; set; }

    /// <summary>SRTP suites in order of preference (RFC 4568 names), or null for the default list.</summary>
    public IList<string>? SrtpSuites { get; set; }

    /// <summary>How DTMF is sent, or null for the default.</summary>
    public DtmfMode? DtmfMode { get; set; }
}
