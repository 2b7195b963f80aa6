using System.Globalization;
using System.Text;
using Intercom.Media.Sdp;
using Intercom.Tools.Fuzz.Engine;

namespace Intercom.Tools.Fuzz.Targets;

/// <summary>
/// The SDP parser and writer (RFC 4566) and the attribute readers the negotiator uses (rtpmap, fmtp, direction,
/// a=crypto). Properties: a refusal names its reason; parse, print, parse is a fixed point; a crypto line that
/// parses prints back to the same key.
/// </summary>
internal sealed class SdpTarget : IFuzzTarget
{
    public string Name => "sdp";

    public string Description => "SDP parser, writer and attribute readers; round trip is a fixed point";

    public int MaximumInputLength => SdpParser.MaximumLength + 1024;

    public bool IsText => true;

    public IReadOnlyList<byte[]> Dictionary => SdpText.Dictionary;

    public IReadOnlyList<byte[]> CreateSeeds() => SeedResources.Load("sdp");

    public string Run(ReadOnlySpan<byte> input)
    {
        SdpParseResult result = SdpParser.Parse(Encoding.UTF8.GetString(input));
        if (!result.Success)
        {
            FuzzPropertyException.Check(!string.IsNullOrWhiteSpace(result.Error), "a refused SDP has a reason");
            return OutcomeLabel.Of("refused", result.Error);
        }

        SessionDescription description = result.Description!;
        SdpText.CheckRoundTrip(description);
        _ = description.SessionDirection;
        foreach (MediaDescription media in description.Media)
        {
            FuzzPropertyException.Check(media.Port is >= 0 and <= 65535, "an m= port is 0-65535", () => media.Port.ToString(CultureInfo.InvariantCulture));
            _ = media.Direction(description.SessionDirection);
            _ = media.IsSecureProfile;
            foreach (string format in media.Formats)
            {
                if (int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out int payloadType))
                {
                    _ = media.TryGetRtpMap(payloadType, out _, out _, out _);
                    _ = media.FormatParameters(payloadType);
                }
            }

            foreach (SdpAttributeLine attribute in media.Attributes)
            {
                if (attribute.Name.Equals("crypto", StringComparison.OrdinalIgnoreCase) && SdesCryptoLine.TryParse(attribute.Value, out SdesCryptoLine? crypto))
                {
                    FuzzPropertyException.Check(SdesCryptoLine.TryParse(crypto!.ToString(), out SdesCryptoLine? again)
                        && again!.Suite == crypto.Suite && again.Tag == crypto.Tag && again.MasterKeyAndSalt.AsSpan().SequenceEqual(crypto.MasterKeyAndSalt),
                        "a printed a=crypto parses to the same key");
                }
            }
        }

        return description.Audio is null ? "parsed, no audio" : "parsed with audio";
    }
}
