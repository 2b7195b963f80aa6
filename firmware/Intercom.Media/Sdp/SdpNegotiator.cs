using System.Globalization;
using System.Net;
using Intercom.Media.Codecs;
using Intercom.Media.Srtp;

namespace Intercom.Media.Sdp;

/// <summary>
/// SDP offer/answer (RFC 3264) for the one audio stream of a door-station call. One instance per call: it keeps
/// the <c>o=</c> session id, bumps the version whenever our description changes (RFC 3264 §8), and keeps our SRTP
/// keys for the whole call. The SIP layer hands it SDP text and gets SDP text and a <see cref="NegotiatedMedia"/>
/// back; nothing here knows SIP.
/// </summary>
public sealed class SdpNegotiator
{
    private readonly MediaOptions options;
    private readonly string localAddress;
    private readonly int localRtpPort;
    private readonly ulong sessionId;
    private readonly Dictionary<SrtpCryptoSuite, SdesCryptoLine> localKeys = [];
    private ulong sessionVersion;
    private string? lastBody;
    private SessionDescription? pendingOffer;

    /// <summary>Creates the negotiator for a call whose RTP socket is bound to <paramref name="localRtpPort"/>.</summary>
    public SdpNegotiator(MediaOptions options, IPAddress localAddress, int localRtpPort, ulong sessionId)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(localAddress);
        string? invalid = options.Validate();
        if (invalid is not null)
        {
            throw new ArgumentException(invalid, nameof(options));
        }

        this.options = options;
        this.localAddress = localAddress.ToString();
        this.localRtpPort = localRtpPort;
        this.sessionId = sessionId;
        sessionVersion = sessionId;
    }

    /// <summary>The direction we want: <see cref="MediaDirection.SendOnly"/> puts the peer on hold.</summary>
    public MediaDirection Direction { get; set; } = MediaDirection.SendReceive;

    /// <summary>The last <c>o=</c> version we sent.</summary>
    public ulong SessionVersion => sessionVersion;

    /// <summary>Creates an offer (initial or re-INVITE) from the options.</summary>
    public string CreateOffer()
    {
        var media = new MediaDescription
        {
            Port = localRtpPort,
            Protocol = options.Srtp == SrtpPolicy.Mandatory ? "RTP/SAVP" : "RTP/AVP",
        };

        foreach (AudioCodec codec in options.Codecs)
        {
            AddCodec(media, codec, PayloadTypeOf(codec));
        }

        media.Formats.Add(Format(options.TelephoneEventPayloadType));
        media.Attributes.Add(new SdpAttributeLine("rtpmap", $"{options.TelephoneEventPayloadType} telephone-event/8000"));
        media.Attributes.Add(new SdpAttributeLine("fmtp", $"{options.TelephoneEventPayloadType} 0-15"));
        if (options.Codecs.Contains(AudioCodec.Opus))
        {
            media.Formats.Add(Format(options.TelephoneEventWidebandPayloadType));
            media.Attributes.Add(new SdpAttributeLine("rtpmap", $"{options.TelephoneEventWidebandPayloadType} telephone-event/48000"));
            media.Attributes.Add(new SdpAttributeLine("fmtp", $"{options.TelephoneEventWidebandPayloadType} 0-15"));
        }

        media.Attributes.Add(new SdpAttributeLine("ptime", Format((int)options.Ptime.TotalMilliseconds)));
        media.Attributes.Add(new SdpAttributeLine("rtcp-mux", ""));
        media.Attributes.Add(new SdpAttributeLine(Direction.ToAttributeName(), ""));
        if (options.Srtp != SrtpPolicy.Off)
        {
            int tag = 1;
            foreach (SrtpCryptoSuite suite in options.SrtpSuites)
            {
                media.Attributes.Add(new SdpAttributeLine("crypto", LocalKey(suite, tag++).ToString()));
            }
        }

        SessionDescription offer = Describe(media);
        pendingOffer = offer;
        return Finish(offer);
    }

    /// <summary>Processes the peer's answer to our last offer (more than one answer may arrive for one offer).</summary>
    public NegotiationResult ReceiveAnswer(string answerSdp)
    {
        ArgumentNullException.ThrowIfNull(answerSdp);
        if (pendingOffer?.Audio is not MediaDescription offered)
        {
            return NegotiationResult.Fail("an answer arrived but no offer is outstanding");
        }

        SdpParseResult parsed = SdpParser.Parse(answerSdp);
        if (!parsed.Success)
        {
            return NegotiationResult.Fail($"the answer is not valid SDP: {parsed.Error}");
        }

        SessionDescription answer = parsed.Description!;
        MediaDescription? audio = answer.Audio;
        if (audio is null || audio.Port == 0)
        {
            return NegotiationResult.Fail("the peer rejected the audio stream (no m=audio or port 0)");
        }

        // RFC 4568 §7.1.3: the answer carries one crypto line whose tag names the offered line it accepts.
        SdesCryptoLine? remoteKey = null;
        SdesCryptoLine? localKey = null;
        foreach (SdpAttributeLine attribute in audio.Attributes)
        {
            if (attribute.Name.Equals("crypto", StringComparison.OrdinalIgnoreCase)
                && SdesCryptoLine.TryParse(attribute.Value, out SdesCryptoLine? candidate)
                && localKeys.TryGetValue(candidate!.Suite, out SdesCryptoLine? ours)
                && ours.Tag == candidate.Tag)
            {
                remoteKey = candidate;
                localKey = ours;
                break;
            }
        }

        string? srtpError = CheckSrtp(audio, remoteKey, "answer");
        if (srtpError is not null)
        {
            return NegotiationResult.Fail(srtpError);
        }

        // RFC 3264 §7: the offerer sends with the first format of the answer that it offered. RFC 3264 §6.1: the
        // payload type keeps the codec of our offer; an answer that remaps it (e.g. 0 as opus/48000) names a codec
        // we did not offer, perhaps not even allowed for the account (found by fuzzing).
        foreach (string format in audio.Formats)
        {
            if (TryResolveCodec(audio, format, out AudioCodec codec, out int payloadType)
                && offered.Formats.Contains(format) && TryResolveCodec(offered, format, out AudioCodec offeredCodec, out _) && offeredCodec == codec)
            {
                // The offer stays outstanding: RFC 3261 §13.2.1 allows several answers to one offer (a 183 and
                // then the 200, or 2xx from several forks); the next offer from either side replaces it.
                return Build(answer, audio, codec, payloadType, localKey, remoteKey, MediaDirectionNames.Answer(audio.Direction(answer.SessionDirection), Direction));
            }
        }

        return NegotiationResult.Fail($"the answer names no codec we offered (answer formats: {string.Join(' ', audio.Formats)})");
    }

    /// <summary>Answers the peer's offer (initial INVITE or re-INVITE). On failure the result's error says why.</summary>
    public NegotiationResult ReceiveOffer(string offerSdp)
    {
        ArgumentNullException.ThrowIfNull(offerSdp);
        pendingOffer = null;
        SdpParseResult parsed = SdpParser.Parse(offerSdp);
        if (!parsed.Success)
        {
            return NegotiationResult.Fail($"the offer is not valid SDP: {parsed.Error}");
        }

        SessionDescription offer = parsed.Description!;
        MediaDescription? audio = offer.Audio;
        if (audio is null || audio.Port == 0)
        {
            return NegotiationResult.Fail("the offer has no active audio stream");
        }

        // RFC 3264 §6: the answer repeats the offer's transport, so only the RTP profiles we speak are accepted
        // (anything else, control characters included, would be echoed into our answer).
        if (!IsSupportedTransport(audio.Protocol))
        {
            return NegotiationResult.Fail($"the offer's transport {audio.Protocol} is not supported (RTP/AVP and RTP/SAVP with SDES are)");
        }

        SdesCryptoLine? remoteKey = null;
        if (options.Srtp != SrtpPolicy.Off)
        {
            foreach (SrtpCryptoSuite suite in options.SrtpSuites)
            {
                remoteKey = FindOfferedKey(audio, suite);
                if (remoteKey is not null)
                {
                    break;
                }
            }
        }

        string? srtpError = CheckSrtp(audio, remoteKey, "offer");
        if (srtpError is not null)
        {
            return NegotiationResult.Fail(srtpError);
        }

        AudioCodec chosen = default;
        int chosenPayloadType = -1;
        foreach (AudioCodec codec in options.Codecs)
        {
            foreach (string format in audio.Formats)
            {
                if (TryResolveCodec(audio, format, out AudioCodec offeredCodec, out int payloadType) && offeredCodec == codec)
                {
                    chosen = codec;
                    chosenPayloadType = payloadType;
                    break;
                }
            }

            if (chosenPayloadType >= 0)
            {
                break;
            }
        }

        if (chosenPayloadType < 0)
        {
            return NegotiationResult.Fail($"no common codec: the offer has {DescribeFormats(audio)}, we accept {string.Join(", ", options.Codecs)}");
        }

        SdesCryptoLine? localKey = remoteKey is null ? null : LocalKey(remoteKey.Suite, remoteKey.Tag);
        MediaDirection direction = MediaDirectionNames.Answer(audio.Direction(offer.SessionDirection), Direction);
        NegotiationResult result = Build(offer, audio, chosen, chosenPayloadType, localKey, remoteKey, direction);
        if (!result.Success)
        {
            return result;
        }

        NegotiatedMedia media = result.Media!;
        var answer = new MediaDescription { Port = localRtpPort, Protocol = audio.Protocol };
        AddCodec(answer, chosen, chosenPayloadType, media.OpusInbandFec || options.OpusInbandFec);
        if (media.TelephoneEventPayloadType >= 0)
        {
            answer.Formats.Add(Format(media.TelephoneEventPayloadType));
            answer.Attributes.Add(new SdpAttributeLine("rtpmap", $"{media.TelephoneEventPayloadType} telephone-event/{media.TelephoneEventClockRateHz}"));
            answer.Attributes.Add(new SdpAttributeLine("fmtp", $"{media.TelephoneEventPayloadType} 0-15"));
        }

        answer.Attributes.Add(new SdpAttributeLine("ptime", Format((int)media.Ptime.TotalMilliseconds)));
        if (media.RtcpMux)
        {
            answer.Attributes.Add(new SdpAttributeLine("rtcp-mux", ""));
        }

        answer.Attributes.Add(new SdpAttributeLine(direction.ToAttributeName(), ""));
        if (localKey is not null)
        {
            answer.Attributes.Add(new SdpAttributeLine("crypto", localKey.ToString()));
        }

        return result with { AnswerSdp = Finish(Describe(answer)) };
    }

    private string? CheckSrtp(MediaDescription audio, SdesCryptoLine? key, string what)
    {
        if (key is not null)
        {
            return null;
        }

        if (audio.IsSecureProfile)
        {
            return options.Srtp == SrtpPolicy.Off
                ? $"the {what} requires SRTP ({audio.Protocol}) but SRTP is off for this account"
                : $"the {what} is {audio.Protocol} but has no a=crypto with a suite we accept ({OfferedSuites(audio)})";
        }

        if (options.Srtp == SrtpPolicy.Mandatory)
        {
            return $"SRTP is mandatory for this account but the {what} has no usable a=crypto ({OfferedSuites(audio)}); refusing RTP in the clear";
        }

        return null;
    }

    private NegotiationResult Build(SessionDescription remote, MediaDescription audio, AudioCodec codec, int payloadType,
        SdesCryptoLine? localKey, SdesCryptoLine? remoteKey, MediaDirection direction)
    {
        string? addressText = audio.ConnectionAddress ?? remote.ConnectionAddress;
        if (addressText is null || !IPAddress.TryParse(addressText, out IPAddress? address))
        {
            return NegotiationResult.Fail($"the peer's connection address '{addressText ?? "(none)"}' is not an IP address");
        }

        // RFC 3264 §8.4: c=0.0.0.0 is the old way to put a stream on hold.
        if (address.Equals(IPAddress.Any))
        {
            direction = direction is MediaDirection.SendReceive or MediaDirection.ReceiveOnly ? MediaDirection.ReceiveOnly : MediaDirection.Inactive;
        }

        var remoteRtp = new IPEndPoint(address, audio.Port);
        bool rtcpMux = audio.HasAttribute("rtcp-mux");
        IPEndPoint remoteRtcp = rtcpMux ? remoteRtp : new IPEndPoint(address, audio.Port + 1 > 65535 ? audio.Port : audio.Port + 1);
        string? rtcp = audio.Attribute("rtcp");
        if (!rtcpMux && rtcp is not null)
        {
            // RFC 3605: a=rtcp:<port> [IN IP4 <address>]
            string[] parts = rtcp.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int rtcpPort) && rtcpPort is > 0 and <= 65535)
            {
                IPAddress rtcpAddress = parts.Length >= 4 && IPAddress.TryParse(parts[3], out IPAddress? parsedAddress) ? parsedAddress : address;
                remoteRtcp = new IPEndPoint(rtcpAddress, rtcpPort);
            }
        }

        (int eventPayloadType, int eventClockRate) = FindTelephoneEvent(audio, AudioCodecInfo.RtpClockRateHz(codec));
        string fmtp = audio.FormatParameters(payloadType);
        return new NegotiationResult
        {
            Media = new NegotiatedMedia
            {
                Codec = codec,
                PayloadType = payloadType,
                TelephoneEventPayloadType = eventPayloadType,
                TelephoneEventClockRateHz = eventClockRate,
                Ptime = ChoosePtime(audio),
                RemoteRtp = remoteRtp,
                RemoteRtcp = remoteRtcp,
                RtcpMux = rtcpMux,
                Direction = direction,
                SrtpSuite = remoteKey?.Suite ?? SrtpCryptoSuite.None,
                LocalMasterKeyAndSalt = localKey?.MasterKeyAndSalt ?? [],
                RemoteMasterKeyAndSalt = remoteKey?.MasterKeyAndSalt ?? [],
                OpusInbandFec = codec == AudioCodec.Opus && fmtp.Contains("useinbandfec=1", StringComparison.OrdinalIgnoreCase),
            },
        };
    }

    private TimeSpan ChoosePtime(MediaDescription audio)
    {
        // RFC 4566 §6: a=ptime is a hint of what the peer wants to receive; honour it when it is a 10 ms multiple.
        string? ptime = audio.Attribute("ptime");
        if (ptime is not null && double.TryParse(ptime, NumberStyles.Float, CultureInfo.InvariantCulture, out double milliseconds)
            && milliseconds is >= 10 and <= 60 && milliseconds % 10 == 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        return options.Ptime;
    }

    private static (int PayloadType, int ClockRate) FindTelephoneEvent(MediaDescription audio, int codecClockRate)
    {
        // RFC 4733 §2.1: prefer the telephone-event clock that matches the audio codec; else take 8000 Hz.
        int fallback = -1;
        int fallbackRate = 8000;
        foreach (string format in audio.Formats)
        {
            // RFC 3550 §5.1: a payload type has 7 bits; a clock rate of 0 cannot time an event.
            if (int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out int payloadType)
                && payloadType <= 127
                && audio.TryGetRtpMap(payloadType, out string name, out int rate, out _)
                && rate > 0
                && name.Equals("telephone-event", StringComparison.OrdinalIgnoreCase))
            {
                if (rate == codecClockRate)
                {
                    return (payloadType, rate);
                }

                if (fallback < 0 || rate == 8000)
                {
                    fallback = payloadType;
                    fallbackRate = rate;
                }
            }
        }

        return (fallback, fallbackRate);
    }

    private static bool IsSupportedTransport(string protocol) =>
        protocol.Equals("RTP/AVP", StringComparison.OrdinalIgnoreCase) || protocol.Equals("RTP/SAVP", StringComparison.OrdinalIgnoreCase)
        || protocol.Equals("RTP/AVPF", StringComparison.OrdinalIgnoreCase) || protocol.Equals("RTP/SAVPF", StringComparison.OrdinalIgnoreCase);

    private static bool TryResolveCodec(MediaDescription audio, string format, out AudioCodec codec, out int payloadType)
    {
        codec = default;
        if (!int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out payloadType) || payloadType > 127)
        {
            return false;
        }

        if (audio.TryGetRtpMap(payloadType, out string name, out int clockRate, out _))
        {
            return AudioCodecInfo.TryFromEncodingName(name, clockRate, out codec);
        }

        // RFC 3551 §6: static payload types need no rtpmap.
        switch (payloadType)
        {
            case 0:
                codec = AudioCodec.Pcmu;
                return true;
            case 8:
                codec = AudioCodec.Pcma;
                return true;
            case 9:
                codec = AudioCodec.G722;
                return true;
            default:
                return false;
        }
    }

    private static SdesCryptoLine? FindOfferedKey(MediaDescription audio, SrtpCryptoSuite suite)
    {
        foreach (SdpAttributeLine attribute in audio.Attributes)
        {
            if (attribute.Name.Equals("crypto", StringComparison.OrdinalIgnoreCase)
                && SdesCryptoLine.TryParse(attribute.Value, out SdesCryptoLine? candidate)
                && candidate!.Suite == suite)
            {
                return candidate;
            }
        }

        return null;
    }

    private static string OfferedSuites(MediaDescription audio)
    {
        var names = new List<string>();
        foreach (SdpAttributeLine attribute in audio.Attributes)
        {
            if (attribute.Name.Equals("crypto", StringComparison.OrdinalIgnoreCase))
            {
                string[] parts = attribute.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                names.Add(parts.Length > 1 ? parts[1] : "?");
            }
        }

        return names.Count == 0 ? "no a=crypto lines" : "offered suites: " + string.Join(", ", names);
    }

    private static string DescribeFormats(MediaDescription audio)
    {
        var names = new List<string>();
        foreach (string format in audio.Formats)
        {
            names.Add(int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out int pt) && audio.TryGetRtpMap(pt, out string name, out int rate, out _)
                ? $"{name}/{rate}"
                : format);
        }

        return string.Join(", ", names);
    }

    private SdesCryptoLine LocalKey(SrtpCryptoSuite suite, int tag)
    {
        // Keys live for the whole call; a re-offer or a different tag reuses the key material.
        if (localKeys.TryGetValue(suite, out SdesCryptoLine? existing))
        {
            if (existing.Tag == tag)
            {
                return existing;
            }

            existing = new SdesCryptoLine(tag, suite, existing.MasterKeyAndSalt);
            localKeys[suite] = existing;
            return existing;
        }

        SdesCryptoLine generated = SdesCryptoLine.Generate(tag, suite);
        localKeys[suite] = generated;
        return generated;
    }

    private int PayloadTypeOf(AudioCodec codec) => codec == AudioCodec.Opus ? options.OpusPayloadType : AudioCodecInfo.StaticPayloadType(codec);

    private void AddCodec(MediaDescription media, AudioCodec codec, int payloadType, bool? inbandFec = null)
    {
        media.Formats.Add(Format(payloadType));
        string channels = AudioCodecInfo.Channels(codec) > 1 ? "/" + Format(AudioCodecInfo.Channels(codec)) : "";
        media.Attributes.Add(new SdpAttributeLine("rtpmap", $"{payloadType} {AudioCodecInfo.EncodingName(codec)}/{AudioCodecInfo.RtpClockRateHz(codec)}{channels}"));
        if (codec == AudioCodec.Opus)
        {
            // RFC 7587 §6.1: we send and want mono; FEC when configured.
            string fec = (inbandFec ?? options.OpusInbandFec) && options.OpusInbandFec ? "1" : "0";
            media.Attributes.Add(new SdpAttributeLine("fmtp", $"{payloadType} useinbandfec={fec};stereo=0;sprop-stereo=0"));
        }
    }

    private SessionDescription Describe(MediaDescription media)
    {
        var description = new SessionDescription
        {
            OriginUserName = "intercom",
            SessionId = sessionId,
            OriginAddress = localAddress,
            SessionName = "intercom",
            ConnectionAddress = localAddress,
        };
        description.Media.Add(media);
        return description;
    }

    private string Finish(SessionDescription description)
    {
        // RFC 3264 §8: the version grows by one whenever the description changes, and stays when it does not.
        description.SessionVersion = 0;
        string body = description.ToString();
        if (lastBody is not null && body != lastBody)
        {
            sessionVersion++;
        }

        lastBody = body;
        description.SessionVersion = sessionVersion;
        return description.ToString();
    }

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
