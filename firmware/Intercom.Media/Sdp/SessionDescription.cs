using System.Globalization;
using System.Text;

namespace Intercom.Media.Sdp;

/// <summary>A session description (RFC 4566): origin, connection, session attributes and media sections.</summary>
public sealed class SessionDescription
{
    /// <summary><c>o=</c> user name.</summary>
    public string OriginUserName { get; set; } = "-";

    /// <summary><c>o=</c> session id (kept for the whole call).</summary>
    public ulong SessionId { get; set; }

    /// <summary><c>o=</c> session version; RFC 3264 §8 asks it to grow on every change.</summary>
    public ulong SessionVersion { get; set; }

    /// <summary><c>o=</c> unicast address.</summary>
    public string OriginAddress { get; set; } = "0.0.0.0";

    /// <summary><c>s=</c> line.</summary>
    public string SessionName { get; set; } = "-";

    /// <summary>Session-level <c>c=</c> address, or null.</summary>
    public string? ConnectionAddress { get; set; }

    /// <summary>Session-level attributes.</summary>
    public List<SdpAttributeLine> Attributes { get; } = [];

    /// <summary>Media sections.</summary>
    public List<MediaDescription> Media { get; } = [];

    /// <summary>The session-level direction attribute (RFC 3264 §5.1), <see cref="MediaDirection.SendReceive"/> if none.</summary>
    public MediaDirection SessionDirection
    {
        get
        {
            foreach (SdpAttributeLine attribute in Attributes)
            {
                if (MediaDirectionNames.TryParse(attribute.Name, out MediaDirection direction))
                {
                    return direction;
                }
            }

            return MediaDirection.SendReceive;
        }
    }

    /// <summary>The first audio section, or null.</summary>
    public MediaDescription? Audio => Media.Find(m => m.Media.Equals("audio", StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses SDP text; see <see cref="SdpParser"/>.</summary>
    public static SdpParseResult Parse(string text) => SdpParser.Parse(text);

    /// <summary>Writes the description with CRLF line endings (RFC 4566 §5).</summary>
    public override string ToString()
    {
        var text = new StringBuilder(512);
        string addressType = AddressType(OriginAddress);
        text.Append("v=0\r\n");
        text.Append(CultureInfo.InvariantCulture, $"o={OriginUserName} {SessionId} {SessionVersion} IN {addressType} {OriginAddress}\r\n");
        text.Append(CultureInfo.InvariantCulture, $"s={SessionName}\r\n");
        if (ConnectionAddress is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"c=IN {AddressType(ConnectionAddress)} {ConnectionAddress}\r\n");
        }

        text.Append("t=0 0\r\n");
        foreach (SdpAttributeLine attribute in Attributes)
        {
            text.Append(CultureInfo.InvariantCulture, $"a={attribute}\r\n");
        }

        foreach (MediaDescription media in Media)
        {
            text.Append(CultureInfo.InvariantCulture, $"m={media.Media} {media.Port} {media.Protocol} {string.Join(' ', media.Formats)}\r\n");
            if (media.ConnectionAddress is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"c=IN {AddressType(media.ConnectionAddress)} {media.ConnectionAddress}\r\n");
            }

            foreach (SdpAttributeLine attribute in media.Attributes)
            {
                text.Append(CultureInfo.InvariantCulture, $"a={attribute}\r\n");
            }
        }

        return text.ToString();
    }

    private static string AddressType(string address) => address.Contains(':', StringComparison.Ordinal) ? "IP6" : "IP4";
}
