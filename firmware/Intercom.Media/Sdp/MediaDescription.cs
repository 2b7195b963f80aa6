using System.Globalization;

namespace Intercom.Media.Sdp;

/// <summary>One <c>m=</c> section of an SDP (RFC 4566 §5.14) with its <c>c=</c> and <c>a=</c> lines.</summary>
public sealed class MediaDescription
{
    /// <summary>Media type, <c>audio</c> for everything this firmware negotiates.</summary>
    public string Media { get; set; } = "audio";

    /// <summary>Transport port; 0 rejects or disables the stream (RFC 3264 §6).</summary>
    public int Port { get; set; }

    /// <summary>Transport protocol: <c>RTP/AVP</c>, <c>RTP/SAVP</c>, <c>RTP/SAVPF</c>, ...</summary>
    public string Protocol { get; set; } = "RTP/AVP";

    /// <summary>Payload type numbers (the fmt list), in preference order.</summary>
    public List<string> Formats { get; } = [];

    /// <summary>Media-level connection address, or null to use the session's.</summary>
    public string? ConnectionAddress { get; set; }

    /// <summary>Attributes in the order they appear.</summary>
    public List<SdpAttributeLine> Attributes { get; } = [];

    /// <summary>True for the secure RTP profiles (RFC 3711 §12, RFC 5124).</summary>
    public bool IsSecureProfile => Protocol.StartsWith("RTP/SAVP", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first attribute value with this name, or null.</summary>
    public string? Attribute(string name)
    {
        foreach (SdpAttributeLine attribute in Attributes)
        {
            if (attribute.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return attribute.Value;
            }
        }

        return null;
    }

    /// <summary>Whether a property attribute such as <c>rtcp-mux</c> is present.</summary>
    public bool HasAttribute(string name) => Attribute(name) is not null;

    /// <summary>The direction attribute, or <paramref name="sessionDefault"/> when none is present.</summary>
    public MediaDirection Direction(MediaDirection sessionDefault)
    {
        foreach (SdpAttributeLine attribute in Attributes)
        {
            if (MediaDirectionNames.TryParse(attribute.Name, out MediaDirection direction))
            {
                return direction;
            }
        }

        return sessionDefault;
    }

    /// <summary>The <c>a=rtpmap</c> of a payload type (RFC 4566 §6): encoding name, clock rate, channels.</summary>
    public bool TryGetRtpMap(int payloadType, out string encodingName, out int clockRate, out int channels)
    {
        encodingName = "";
        clockRate = 0;
        channels = 1;
        string prefix = payloadType.ToString(CultureInfo.InvariantCulture);
        foreach (SdpAttributeLine attribute in Attributes)
        {
            if (!attribute.Name.Equals("rtpmap", StringComparison.OrdinalIgnoreCase) || !StartsWithFormat(attribute.Value, prefix))
            {
                continue;
            }

            // a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]
            string[] parts = attribute.Value[(prefix.Length + 1)..].Trim().Split('/');
            if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out clockRate))
            {
                return false;
            }

            encodingName = parts[0];
            if (parts.Length > 2 && !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out channels))
            {
                channels = 1;
            }

            return true;
        }

        return false;
    }

    /// <summary>The <c>a=fmtp</c> parameters of a payload type, or an empty string.</summary>
    public string FormatParameters(int payloadType)
    {
        string prefix = payloadType.ToString(CultureInfo.InvariantCulture);
        foreach (SdpAttributeLine attribute in Attributes)
        {
            if (attribute.Name.Equals("fmtp", StringComparison.OrdinalIgnoreCase) && StartsWithFormat(attribute.Value, prefix))
            {
                return attribute.Value[(prefix.Length + 1)..].Trim();
            }
        }

        return "";
    }

    private static bool StartsWithFormat(string value, string prefix) =>
        value.Length > prefix.Length && value.StartsWith(prefix, StringComparison.Ordinal) && value[prefix.Length] == ' ';
}
