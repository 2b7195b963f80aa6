using System.Net;
using System.Text;
using Intercom.Media.Codecs;
using Intercom.Media.Sdp;
using Intercom.Media.Srtp;
using Intercom.Tools.Fuzz.Engine;

namespace Intercom.Tools.Fuzz.Targets;

/// <summary>
/// The offer/answer negotiator (RFC 3264, SDES RFC 4568) fed hostile offers and answers. The first input byte
/// picks the account's options (SRTP off, optional or mandatory; codec list) and whether the SDP is an offer
/// or an answer to our offer. Properties: a failure says why; a success never breaks the SRTP policy, uses a
/// codec we offered, keys of the suite's length, ports and payload types in range; our answer is clean SDP that
/// parses to one audio section on our port; the same offer twice gives the same answer (RFC 3264 §8).
/// </summary>
internal sealed class SdpNegotiationTarget : IFuzzTarget
{
    private const int LocalPort = 40000;

    private static readonly IReadOnlyList<AudioCodec>[] CodecLists =
    [
        [AudioCodec.Opus, AudioCodec.G722, AudioCodec.Pcma, AudioCodec.Pcmu],
        [AudioCodec.Pcma, AudioCodec.Pcmu],
        [AudioCodec.G722],
        [AudioCodec.Opus],
    ];

    public string Name => "sdp-negotiation";

    public string Description => "SDP offer/answer with SRTP policy; answers are clean, stable and keep the policy";

    public int MaximumInputLength => SdpParser.MaximumLength + 1024;

    public bool IsText => true;

    public IReadOnlyList<byte[]> Dictionary => SdpText.Dictionary;

    public IReadOnlyList<byte[]> CreateSeeds()
    {
        var seeds = new List<byte[]>();
        byte selector = 0;
        foreach (byte[] sdp in SeedResources.Load("sdp"))
        {
            // Each sample as an offer and as an answer, under a spread of options.
            seeds.Add([selector, .. sdp]);
            seeds.Add([(byte)(selector + 1), .. sdp]);
            selector = (byte)(selector + 11);
        }

        return seeds;
    }

    public string Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return "empty";
        }

        byte selector = input[0];
        bool isOffer = (selector & 1) == 0;
        var options = new MediaOptions
        {
            Srtp = (SrtpPolicy)((selector >> 1) % 3),
            Codecs = CodecLists[(selector >> 3) % CodecLists.Length],
        };
        string sdp = Encoding.UTF8.GetString(input[1..]);
        var negotiator = new SdpNegotiator(options, IPAddress.Loopback, LocalPort, 42);
        return isOffer ? CheckOffer(negotiator, options, sdp) : CheckAnswer(negotiator, options, sdp);
    }

    private static string CheckOffer(SdpNegotiator negotiator, MediaOptions options, string offer)
    {
        NegotiationResult result = negotiator.ReceiveOffer(offer);
        if (!result.Success)
        {
            FuzzPropertyException.Check(!string.IsNullOrWhiteSpace(result.Error), "a failed negotiation says why");
            return OutcomeLabel.Of($"offer refused ({options.Srtp})", result.Error);
        }

        NegotiatedMedia media = result.Media!;
        CheckMedia(media, options);
        string answer = result.AnswerSdp ?? "";
        SdpText.CheckClean(answer, "our answer");
        SdpParseResult parsed = SdpParser.Parse(answer);
        FuzzPropertyException.Check(parsed.Success, "our answer parses", () => parsed.Error);
        SdpText.CheckRoundTrip(parsed.Description!);
        MediaDescription? audio = parsed.Description!.Audio;
        FuzzPropertyException.Check(parsed.Description.Media.Count == 1 && audio is not null && audio.Port == LocalPort, "our answer has one audio section on our port");
        FuzzPropertyException.Check(audio!.Formats.Count > 0 && audio.Formats[0] == media.PayloadType.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "our answer leads with the chosen payload type");
        FuzzPropertyException.Check(audio.IsSecureProfile == SdpParser.Parse(offer).Description!.Audio!.IsSecureProfile, "our answer keeps the offer's profile");

        NegotiationResult repeated = negotiator.ReceiveOffer(offer);
        FuzzPropertyException.Check(repeated.AnswerSdp == answer, "the same offer twice gives the same answer (o= version unchanged)",
            () => $"{SdpText.Escape(answer)} then {SdpText.Escape(repeated.AnswerSdp ?? "(none)")}");
        return $"offer accepted {media.Codec} {media.SrtpSuite}";
    }

    private static string CheckAnswer(SdpNegotiator negotiator, MediaOptions options, string answer)
    {
        string offer = negotiator.CreateOffer();
        SdpText.CheckClean(offer, "our offer");
        MediaDescription offered = SdpParser.Parse(offer).Description!.Audio!;
        NegotiationResult result = negotiator.ReceiveAnswer(answer);
        if (!result.Success)
        {
            FuzzPropertyException.Check(!string.IsNullOrWhiteSpace(result.Error), "a failed negotiation says why");
            return OutcomeLabel.Of($"answer refused ({options.Srtp})", result.Error);
        }

        NegotiatedMedia media = result.Media!;
        CheckMedia(media, options);
        FuzzPropertyException.Check(offered.Formats.Contains(media.PayloadType.ToString(System.Globalization.CultureInfo.InvariantCulture)), "the answer's codec is one we offered");
        return $"answer accepted {media.Codec} {media.SrtpSuite}";
    }

    private static void CheckMedia(NegotiatedMedia media, MediaOptions options)
    {
        FuzzPropertyException.Check(options.Codecs.Contains(media.Codec), "the codec is one the account allows");
        FuzzPropertyException.Check(media.PayloadType is >= 0 and <= 127, "the payload type is 0-127");
        FuzzPropertyException.Check(media.TelephoneEventPayloadType is -1 or (>= 0 and <= 127), "the telephone-event payload type is 0-127",
            () => media.TelephoneEventPayloadType.ToString(System.Globalization.CultureInfo.InvariantCulture));
        FuzzPropertyException.Check(media.TelephoneEventClockRateHz > 0, "the telephone-event clock rate is positive");
        FuzzPropertyException.Check(media.RemoteRtp.Port is > 0 and <= 65535 && media.RemoteRtcp.Port is > 0 and <= 65535, "remote ports are 1-65535");
        FuzzPropertyException.Check(media.Ptime >= TimeSpan.FromMilliseconds(10) && media.Ptime <= TimeSpan.FromMilliseconds(60), "ptime is 10-60 ms");
        if (options.Srtp == SrtpPolicy.Mandatory)
        {
            FuzzPropertyException.Check(media.SrtpSuite != SrtpCryptoSuite.None, "SRTP-mandatory never negotiates RTP in the clear");
        }

        if (options.Srtp == SrtpPolicy.Off)
        {
            FuzzPropertyException.Check(media.SrtpSuite == SrtpCryptoSuite.None, "SRTP off never negotiates SRTP");
        }

        if (media.SrtpSuite != SrtpCryptoSuite.None)
        {
            int length = SrtpSuiteParameters.MasterKeyLength(media.SrtpSuite) + SrtpSuiteParameters.MasterSaltLength(media.SrtpSuite);
            FuzzPropertyException.Check(options.SrtpSuites.Contains(media.SrtpSuite), "the SRTP suite is one the account allows");
            FuzzPropertyException.Check(media.LocalMasterKeyAndSalt.Length == length && media.RemoteMasterKeyAndSalt.Length == length, "SRTP keys have the suite's length");
        }
    }
}
