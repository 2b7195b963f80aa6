using System.Net;
using Intercom.Media.Codecs;
using Intercom.Media.Sdp;
using Intercom.Media.Srtp;

namespace Intercom.Media.Tests.Sdp;

public sealed class SdpNegotiatorTests
{
    private static SdpNegotiator Negotiator(MediaOptions options, int port = 4000) => new(options, IPAddress.Loopback, port, 777);

    [Theory]
    [InlineData(SrtpPolicy.Off, SrtpPolicy.Off, SrtpCryptoSuite.None)]
    [InlineData(SrtpPolicy.Optional, SrtpPolicy.Off, SrtpCryptoSuite.None)]
    [InlineData(SrtpPolicy.Optional, SrtpPolicy.Optional, SrtpCryptoSuite.AeadAes128Gcm)]
    [InlineData(SrtpPolicy.Mandatory, SrtpPolicy.Optional, SrtpCryptoSuite.AeadAes128Gcm)]
    [InlineData(SrtpPolicy.Optional, SrtpPolicy.Mandatory, SrtpCryptoSuite.AeadAes128Gcm)]
    [InlineData(SrtpPolicy.Mandatory, SrtpPolicy.Mandatory, SrtpCryptoSuite.AeadAes128Gcm)]
    public void OfferAnswer_CompatiblePolicies_AgreeOnSuiteAndKeys(SrtpPolicy offererPolicy, SrtpPolicy answererPolicy, SrtpCryptoSuite expected)
    {
        SdpNegotiator offerer = Negotiator(new MediaOptions { Srtp = offererPolicy }, 4000);
        SdpNegotiator answerer = Negotiator(new MediaOptions { Srtp = answererPolicy }, 5000);

        NegotiationResult answered = answerer.ReceiveOffer(offerer.CreateOffer());
        Assert.True(answered.Success, answered.Error);
        NegotiationResult completed = offerer.ReceiveAnswer(answered.AnswerSdp!);
        Assert.True(completed.Success, completed.Error);

        NegotiatedMedia a = completed.Media!;
        NegotiatedMedia b = answered.Media!;
        Assert.Equal(expected, a.SrtpSuite);
        Assert.Equal(expected, b.SrtpSuite);
        Assert.Equal(a.LocalMasterKeyAndSalt, b.RemoteMasterKeyAndSalt);
        Assert.Equal(b.LocalMasterKeyAndSalt, a.RemoteMasterKeyAndSalt);
        Assert.Equal(AudioCodec.Opus, a.Codec);
        Assert.Equal(5000, a.RemoteRtp.Port);
        Assert.Equal(4000, b.RemoteRtp.Port);
        Assert.True(a.RtcpMux && b.RtcpMux);
        Assert.Equal(102, a.TelephoneEventPayloadType);
        Assert.True(a.OpusInbandFec);
    }

    [Theory]
    [InlineData(SrtpPolicy.Mandatory, SrtpPolicy.Off, "requires SRTP")]
    [InlineData(SrtpPolicy.Off, SrtpPolicy.Mandatory, "SRTP is mandatory")]
    public void ReceiveOffer_MandatoryAgainstPlain_FailsWithClearReason(SrtpPolicy offererPolicy, SrtpPolicy answererPolicy, string reason)
    {
        SdpNegotiator offerer = Negotiator(new MediaOptions { Srtp = offererPolicy });
        SdpNegotiator answerer = Negotiator(new MediaOptions { Srtp = answererPolicy });

        NegotiationResult answered = answerer.ReceiveOffer(offerer.CreateOffer());

        Assert.False(answered.Success);
        Assert.Contains(reason, answered.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReceiveAnswer_PlainAnswerToMandatoryOffer_Fails()
    {
        SdpNegotiator offerer = Negotiator(new MediaOptions { Srtp = SrtpPolicy.Mandatory });
        offerer.CreateOffer();
        string plainAnswer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 8\r\n";

        NegotiationResult result = offerer.ReceiveAnswer(plainAnswer);

        Assert.False(result.Success);
        Assert.Contains("SRTP is mandatory", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReceiveOffer_FritzBoxStyleG711G722_PicksPreferredAndStaticTypesWithoutRtpmap()
    {
        SdpNegotiator answerer = Negotiator(new MediaOptions { Srtp = SrtpPolicy.Optional });
        string offer = "v=0\no=user 1 1 IN IP4 192.0.2.10\ns=call\nt=0 0\nm=audio 7078 RTP/AVP 8 0 9 101\nc=IN IP4 192.0.2.10\n" +
            "a=rtpmap:101 telephone-event/8000\na=ptime:30\n";

        NegotiationResult result = answerer.ReceiveOffer(offer);

        Assert.True(result.Success, result.Error);
        Assert.Equal(AudioCodec.G722, result.Media!.Codec);
        Assert.Equal(9, result.Media.PayloadType);
        Assert.Equal(101, result.Media.TelephoneEventPayloadType);
        Assert.Equal(TimeSpan.FromMilliseconds(30), result.Media.Ptime);
        Assert.Equal(SrtpCryptoSuite.None, result.Media.SrtpSuite);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.10"), 7079), result.Media.RemoteRtcp);
        Assert.Contains("m=audio 4000 RTP/AVP 9 101\r\n", result.AnswerSdp, StringComparison.Ordinal);
        Assert.DoesNotContain("a=crypto", result.AnswerSdp, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("356", "telephone-event/8000")]
    [InlineData("101", "telephone-event/0")]
    public void ReceiveOffer_ImpossibleTelephoneEvent_IsIgnored(string payloadType, string rtpmap)
    {
        // Found by fuzzing (tools/Intercom.Tools.Fuzz, target sdp-negotiation): both were echoed into our answer.
        SdpNegotiator answerer = Negotiator(new MediaOptions { Srtp = SrtpPolicy.Off });
        string offer = $"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 {payloadType}\r\na=rtpmap:{payloadType} {rtpmap}\r\n";

        NegotiationResult result = answerer.ReceiveOffer(offer);

        Assert.True(result.Success, result.Error);
        Assert.Equal(-1, result.Media!.TelephoneEventPayloadType);
        Assert.Contains("m=audio 4000 RTP/AVP 0\r\n", result.AnswerSdp, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RTP/\u0019")]
    [InlineData("RTP/XYZ")]
    [InlineData("UDP/TLS/RTP/SAVP")]
    public void ReceiveOffer_TransportWeDoNotSpeak_FailsInsteadOfEchoingIt(string transport)
    {
        SdpNegotiator answerer = Negotiator(new MediaOptions { Srtp = SrtpPolicy.Off });
        string offer = $"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 {transport} 0\r\n";

        NegotiationResult result = answerer.ReceiveOffer(offer);

        Assert.False(result.Success);
        Assert.Null(result.AnswerSdp);
        Assert.Contains("not supported", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0\r\na=rtpmap:0 opus/48000/2")]
    [InlineData("9")]
    public void ReceiveAnswer_CodecWeDidNotOffer_Fails(string formatsAndMap)
    {
        // Found by fuzzing: "0" answered as opus/48000 was taken as Opus although we offered 0 as PCMU only.
        SdpNegotiator offerer = Negotiator(new MediaOptions { Srtp = SrtpPolicy.Off, Codecs = [AudioCodec.Pcma, AudioCodec.Pcmu] });
        offerer.CreateOffer();
        string answer = $"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP {formatsAndMap}\r\n";

        NegotiationResult result = offerer.ReceiveAnswer(answer);

        Assert.False(result.Success);
        Assert.Contains("no codec we offered", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReceiveOffer_NoCommonCodec_NamesWhatWasOffered()
    {
        SdpNegotiator answerer = Negotiator(new MediaOptions { Codecs = [AudioCodec.Pcma] });
        string offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 3 18\r\na=rtpmap:18 G729/8000\r\n";

        NegotiationResult result = answerer.ReceiveOffer(offer);

        Assert.False(result.Success);
        Assert.Contains("G729/8000", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReceiveOffer_HoldBySendOnlyOrZeroAddress_AnswersReceiveOnly()
    {
        SdpNegotiator answerer = Negotiator(new MediaOptions());
        string sendOnly = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 8\r\na=sendonly\r\n";
        string zeroAddress = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 6000 RTP/AVP 8\r\n";

        NegotiationResult first = answerer.ReceiveOffer(sendOnly);
        NegotiationResult second = answerer.ReceiveOffer(zeroAddress);

        Assert.Equal(MediaDirection.ReceiveOnly, first.Media!.Direction);
        Assert.Contains("a=recvonly", first.AnswerSdp, StringComparison.Ordinal);
        Assert.Equal(MediaDirection.ReceiveOnly, second.Media!.Direction);
    }

    [Fact]
    public void CreateOffer_VersionGrowsOnlyWhenContentChanges()
    {
        SdpNegotiator offerer = Negotiator(new MediaOptions());

        ulong first = SdpParser.Parse(offerer.CreateOffer()).Description!.SessionVersion;
        ulong same = SdpParser.Parse(offerer.CreateOffer()).Description!.SessionVersion;
        offerer.Direction = MediaDirection.SendOnly;
        string holdOffer = offerer.CreateOffer();
        ulong changed = SdpParser.Parse(holdOffer).Description!.SessionVersion;

        Assert.Equal(first, same);
        Assert.Equal(first + 1, changed);
        Assert.Contains("a=sendonly", holdOffer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4", false)]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20", true)]
    [InlineData("1 AES_CM_128_HMAC_SHA1_32 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz", true)]
    [InlineData("2 F8_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz", false)]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:c2hvcnQ=", false)]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:!!!notbase64!!!", false)]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80", false)]
    [InlineData("x AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz", false)]
    public void SdesCryptoLine_TryParse_AcceptsOnlyUsableKeys(string value, bool accepted)
    {
        Assert.Equal(accepted, SdesCryptoLine.TryParse(value, out SdesCryptoLine? line));
        if (accepted)
        {
            Assert.Equal(30, line!.MasterKeyAndSalt.Length);
            Assert.Equal(value.Split('|')[0], line.ToString());
        }
    }
}
