using Intercom.Media.Codecs;
using Intercom.Media.Srtp;

namespace Intercom.Media.Sdp;

/// <summary>What one account offers and accepts for audio. Validated by <see cref="Validate"/>.</summary>
public sealed class MediaOptions
{
    /// <summary>Codecs in order of preference.</summary>
    public IReadOnlyList<AudioCodec> Codecs { get; init; } = [AudioCodec.Opus, AudioCodec.G722, AudioCodec.Pcma, AudioCodec.Pcmu];

    /// <summary>The SRTP policy.</summary>
    public SrtpPolicy Srtp { get; init; } = SrtpPolicy.Optional;

    /// <summary>SRTP suites in order of preference.</summary>
    public IReadOnlyList<SrtpCryptoSuite> SrtpSuites { get; init; } =
        [SrtpCryptoSuite.AeadAes128Gcm, SrtpCryptoSuite.AesCm128HmacSha1Tag80, SrtpCryptoSuite.AesCm128HmacSha1Tag32];

    /// <summary>Packetization time we offer and send when the peer states none.</summary>
    public TimeSpan Ptime { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Ask for and send Opus in-band FEC (RFC 7587 §6.1 <c>useinbandfec=1</c>).</summary>
    public bool OpusInbandFec { get; init; } = true;

    /// <summary>Dynamic payload type for Opus.</summary>
    public int OpusPayloadType { get; init; } = 111;

    /// <summary>Dynamic payload type for telephone-event at 8000 Hz (RFC 4733 §7.1.1).</summary>
    public int TelephoneEventPayloadType { get; init; } = 101;

    /// <summary>Dynamic payload type for telephone-event at 48000 Hz, offered beside Opus.</summary>
    public int TelephoneEventWidebandPayloadType { get; init; } = 102;

    /// <summary>Returns null when the options are usable, otherwise a message naming the field and the fix.</summary>
    public string? Validate()
    {
        if (Codecs.Count == 0)
        {
            return "Codecs is empty: list at least one of Pcma, Pcmu, G722, Opus.";
        }

        if (Srtp != SrtpPolicy.Off && (SrtpSuites.Count == 0 || SrtpSuites.Contains(SrtpCryptoSuite.None)))
        {
            return "SrtpSuites must list real suites when Srtp is Optional or Mandatory.";
        }

        double milliseconds = Ptime.TotalMilliseconds;
        if (milliseconds < 10 || milliseconds > 60 || milliseconds % 10 != 0)
        {
            return $"Ptime is {milliseconds} ms: use 10, 20, 30, 40, 50 or 60 ms.";
        }

        foreach (int payloadType in new[] { OpusPayloadType, TelephoneEventPayloadType, TelephoneEventWidebandPayloadType })
        {
            if (payloadType is < 96 or > 127)
            {
                return $"Dynamic payload type {payloadType} is outside 96-127.";
            }
        }

        return null;
    }
}
