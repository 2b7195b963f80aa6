using Intercom.Media.Codecs;
using Intercom.Media.Sdp;
using Intercom.Media.Srtp;

namespace Intercom.Station.Calls;

/// <summary>
/// The <c>media</c> configuration section: what calls offer and accept (codecs, SRTP, DTMF) and how their RTP
/// runs. <see cref="Accounts"/> overrides the account-level settings per SIP account name. Validated by
/// <see cref="CallMediaOptionsValidator"/>; resolved for one call by <see cref="ForAccount"/>.
/// </summary>
public sealed class CallMediaOptions
{
    /// <summary>The RFC 4568 names of the suites offered by default, best first.</summary>
    public static IReadOnlyList<string> DefaultSrtpSuites { get; } = ["AEAD_AES_128_GCM", "AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32"];

    /// <summary>Codecs in order of preference. G.711 and G.722 matter most: FritzBox DECT handsets have no Opus.</summary>
    public IList<AudioCodec> Codecs { get; set; } = [AudioCodec.Opus, AudioCodec.G722, AudioCodec.Pcma, AudioCodec.Pcmu];

    /// <summary>SRTP policy: off, optional (best effort, RTP/AVP with a=crypto) or mandatory (RTP/SAVP, else the call fails).</summary>
    public SrtpPolicy Srtp { get; set; } = SrtpPolicy.Optional;

    /// <summary>SRTP suites in order of preference, by their RFC 4568 / RFC 7714 names.</summary>
    public IList<string> SrtpSuites { get; set; } = [.. DefaultSrtpSuites];

    /// <summary>How DTMF is sent to the peer (receiving accepts every transport).</summary>
    public DtmfMode DtmfMode { get; set; } = DtmfMode.Auto;

    /// <summary>Packetization time offered and sent when the peer asks for none (10-60 ms in 10 ms steps).</summary>
    public TimeSpan Ptime { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>A call whose RTP stops for this long is ended with BYE; zero disables the check.</summary>
    public TimeSpan RtpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lowest RTP port (even); 0 with <see cref="RtpPortMaximum"/> 0 lets the system choose.</summary>
    public int RtpPortMinimum { get; set; }

    /// <summary>Highest RTP port.</summary>
    public int RtpPortMaximum { get; set; }

    /// <summary>The address put into SDP and bound for RTP; empty picks the interface that routes to the peer.</summary>
    public string LocalAddress { get; set; } = "";

    /// <summary>
    /// The address put into SDP (o=, c=) instead of <see cref="LocalAddress"/>, while RTP/RTCP still bind the local
    /// address; empty advertises the bound address. For a static NAT or port forward, or a relay in front of the
    /// device (the hardening tests put an impairment relay there). Symmetric RTP/RTCP latching (RFC 4961) then
    /// sends our media back the way the peer's came.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "";

    /// <summary>Per-account overrides of codecs, SRTP and DTMF, by SIP account name.</summary>
    public IDictionary<string, AccountMediaOptions> Accounts { get; set; } = new Dictionary<string, AccountMediaOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Resolves the settings for a call through the named account (null or unknown: the defaults).</summary>
    public CallMediaProfile ForAccount(string? accountName)
    {
        AccountMediaOptions? account = null;
        if (accountName is not null)
        {
            foreach (KeyValuePair<string, AccountMediaOptions> entry in Accounts)
            {
                if (string.Equals(entry.Key, accountName, StringComparison.OrdinalIgnoreCase))
                {
                    account = entry.Value;
                    break;
                }
            }
        }

        IList<string> suiteNames = account?.SrtpSuites ?? SrtpSuites;
        var suites = new List<SrtpCryptoSuite>(suiteNames.Count);
        foreach (string name in suiteNames)
        {
            SrtpCryptoSuite suite = SrtpSuiteParameters.FromSdesName(name);
            if (suite != SrtpCryptoSuite.None && !suites.Contains(suite))
            {
                suites.Add(suite);
            }
        }

        var media = new MediaOptions
        {
            Codecs = [.. account?.Codecs ?? Codecs],
            Srtp = account?.Srtp ?? Srtp,
            SrtpSuites = suites,
            Ptime = Ptime,
        };
        return new CallMediaProfile
        {
            AccountName = accountName,
            Media = media,
            DtmfMode = account?.DtmfMode ?? DtmfMode,
            RtpTimeout = RtpTimeout,
            RtpPortMinimum = RtpPortMinimum,
            RtpPortMaximum = RtpPortMaximum,
            LocalAddress = System.Net.IPAddress.TryParse(LocalAddress, out System.Net.IPAddress? address) ? address : null,
            AdvertisedAddress = System.Net.IPAddress.TryParse(AdvertisedAddress, out System.Net.IPAddress? advertised) ? advertised : null,
        };
    }
}
