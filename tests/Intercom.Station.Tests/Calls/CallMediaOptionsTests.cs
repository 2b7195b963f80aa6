using System.Text;
using Intercom.Media.Codecs;
using Intercom.Media.Sdp;
using Intercom.Media.Srtp;
using Intercom.Station.Calls;
using Intercom.Station.Configuration;

namespace Intercom.Station.Tests.Calls;

public sealed class CallMediaOptionsTests
{
    private static ConfigurationLoadResult Parse(string json) => ConfigurationFile.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parse_MediaSectionWithAccountOverride_ResolvesPerAccount()
    {
        ConfigurationLoadResult result = Parse("""
            {
              "media": {
                "codecs": ["g722", "pcma", "pcmu"],
                "srtp": "mandatory",
                "srtpSuites": ["AES_CM_128_HMAC_SHA1_80"],
                "dtmfMode": "rfc4733",
                "ptime": "00:00:00.030",
                "rtpTimeout": "00:01:00",
                "accounts": {
                  "fritz": { "codecs": ["pcma"], "srtp": "off", "dtmfMode": "info" }
                }
              }
            }
            """);

        Assert.Empty(result.Errors);
        CallMediaOptions media = result.Options!.Media;
        CallMediaProfile defaults = media.ForAccount(null);
        Assert.Equal([AudioCodec.G722, AudioCodec.Pcma, AudioCodec.Pcmu], defaults.Media.Codecs);
        Assert.Equal(SrtpPolicy.Mandatory, defaults.Media.Srtp);
        Assert.Equal([SrtpCryptoSuite.AesCm128HmacSha1Tag80], defaults.Media.SrtpSuites);
        Assert.Equal(DtmfMode.Rfc4733, defaults.DtmfMode);
        Assert.Equal(TimeSpan.FromMilliseconds(30), defaults.Media.Ptime);
        Assert.Equal(TimeSpan.FromMinutes(1), defaults.RtpTimeout);
        Assert.False(defaults.DetectsInBandDtmf);

        CallMediaProfile fritz = media.ForAccount("FRITZ");
        Assert.Equal([AudioCodec.Pcma], fritz.Media.Codecs);
        Assert.Equal(SrtpPolicy.Off, fritz.Media.Srtp);
        Assert.Equal(DtmfMode.Info, fritz.DtmfMode);
        Assert.Equal(TimeSpan.FromMilliseconds(30), fritz.Media.Ptime);
        Assert.Null(fritz.Media.Validate());
    }

    [Fact]
    public void Parse_NoMediaSection_DefaultsOfferEveryCodecWithBestEffortSrtp()
    {
        ConfigurationLoadResult result = Parse("{}");

        Assert.Empty(result.Errors);
        CallMediaProfile profile = result.Options!.Media.ForAccount("any");
        Assert.Equal([AudioCodec.Opus, AudioCodec.G722, AudioCodec.Pcma, AudioCodec.Pcmu], profile.Media.Codecs);
        Assert.Equal(SrtpPolicy.Optional, profile.Media.Srtp);
        Assert.Equal(3, profile.Media.SrtpSuites.Count);
        Assert.Equal(DtmfMode.Auto, profile.DtmfMode);
        Assert.True(profile.DetectsInBandDtmf);
        Assert.Null(profile.LocalAddress);
        Assert.Null(profile.AdvertisedAddress);
    }

    [Theory]
    [InlineData("""{ "media": { "codecs": [] } }""", "media.codecs:")]
    [InlineData("""{ "media": { "codecs": ["pcma", "pcma"] } }""", "media.codecs: PCMA is listed twice")]
    [InlineData("""{ "media": { "srtpSuites": ["AES_256_CM_HMAC_SHA1_80"] } }""", "media.srtpSuites: \"AES_256_CM_HMAC_SHA1_80\" is not a supported suite")]
    [InlineData("""{ "media": { "ptime": "00:00:00.025" } }""", "media.ptime:")]
    [InlineData("""{ "media": { "rtpTimeout": "00:00:01" } }""", "media.rtpTimeout:")]
    [InlineData("""{ "media": { "rtpPortMinimum": 80, "rtpPortMaximum": 90 } }""", "media.rtpPortMinimum/rtpPortMaximum:")]
    [InlineData("""{ "media": { "localAddress": "door.local" } }""", "media.localAddress:")]
    [InlineData("""{ "media": { "advertisedAddress": "nat.example" } }""", "media.advertisedAddress:")]
    [InlineData("""{ "media": { "accounts": { "pbx": { "srtp": "mandatory", "srtpSuites": [] } } } }""", "media.accounts.pbx.srtpSuites:")]
    public void Parse_BadMediaValue_RefusedWithTheFieldPath(string json, string expected)
    {
        ConfigurationLoadResult result = Parse(json);

        Assert.Null(result.Options);
        Assert.Contains(result.Errors, error => error.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_UnknownDtmfMode_Refused()
    {
        ConfigurationLoadResult result = Parse("""{ "media": { "dtmfMode": "telepathy" } }""");

        Assert.Null(result.Options);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void Serialize_ThenParse_KeepsTheMediaSection()
    {
        var options = new IntercomOptions();
        options.Media.Codecs = [AudioCodec.Pcmu];
        options.Media.DtmfMode = DtmfMode.InBand;
        options.Media.Accounts["trunk"] = new AccountMediaOptions { Srtp = SrtpPolicy.Off };

        string json = Encoding.UTF8.GetString(ConfigurationFile.Serialize(options));
        ConfigurationLoadResult result = ConfigurationFile.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Contains("\"inBand\"", json, StringComparison.Ordinal);
        Assert.Contains("\"pcmu\"", json, StringComparison.Ordinal);
        Assert.Empty(result.Errors);
        Assert.Equal(DtmfMode.InBand, result.Options!.Media.DtmfMode);
        Assert.Equal(SrtpPolicy.Off, result.Options.Media.ForAccount("trunk").Media.Srtp);
    }
}
