using System.Net;
using Intercom.Media.Codecs;
using Intercom.Media.Sdp;

namespace Intercom.Station.Calls;

/// <summary>The media settings of one call, resolved from <see cref="CallMediaOptions"/> for its SIP account.</summary>
public sealed record CallMediaProfile
{
    /// <summary>The account the settings were resolved for (null: the defaults).</summary>
    public string? AccountName { get; init; }

    /// <summary>Codecs, SRTP policy and suites, ptime: what <see cref="SdpNegotiator"/> offers and accepts.</summary>
    public required MediaOptions Media { get; init; }

    /// <summary>How DTMF is sent.</summary>
    public DtmfMode DtmfMode { get; init; }

    /// <summary>RTP silence that ends the call; zero disables the check.</summary>
    public TimeSpan RtpTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Lowest RTP port, 0 for any.</summary>
    public int RtpPortMinimum { get; init; }

    /// <summary>Highest RTP port.</summary>
    public int RtpPortMaximum { get; init; }

    /// <summary>The configured media address, or null to pick the interface that routes to the peer.</summary>
    public IPAddress? LocalAddress { get; init; }

    /// <summary>The address put into SDP instead of the bound one, or null to advertise the bound address.</summary>
    public IPAddress? AdvertisedAddress { get; init; }

    /// <summary>What we offer, in words for a failure message: codecs and SRTP policy, no keys.</summary>
    public string OfferDescription
    {
        get
        {
            var codecs = new List<string>(Media.Codecs.Count);
            foreach (AudioCodec codec in Media.Codecs)
            {
                codecs.Add(AudioCodecInfo.EncodingName(codec));
            }

            string srtp = Media.Srtp switch
            {
                SrtpPolicy.Mandatory => "SRTP mandatory (RTP/SAVP)",
                SrtpPolicy.Optional => "SRTP optional (RTP/AVP with a=crypto)",
                _ => "RTP in the clear (SRTP off)",
            };
            return $"{string.Join(", ", codecs)}; {srtp}";
        }
    }

    /// <summary>True when received audio is searched for DTMF tones (modes auto and in-band).</summary>
    public bool DetectsInBandDtmf => DtmfMode is DtmfMode.Auto or DtmfMode.InBand;
}
