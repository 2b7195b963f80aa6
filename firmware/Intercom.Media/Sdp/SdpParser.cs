using System.Globalization;

namespace Intercom.Media.Sdp;

/// <summary>
/// Parses SDP (RFC 4566) leniently, as real phones send it: CRLF or bare LF, <c>c=</c> before or after <c>m=</c>
/// lines, unknown line types and attributes kept or skipped. Never throws: a result carries the reason.
/// </summary>
public static class SdpParser
{
    // RFC 4566 §5 separates fields by one space; phones send tabs too, and a tab kept inside a field would
    // print back as a different field (found by fuzzing: 'c=IN IP4 1<TAB>/127').
    private static readonly char[] FieldSeparators = [' ', '\t'];

    /// <summary>Largest SDP body accepted; a SIP message body is far smaller.</summary>
    public const int MaximumLength = 16 * 1024;

    /// <summary>Parses <paramref name="text"/>.</summary>
    public static SdpParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaximumLength)
        {
            return SdpParseResult.Fail($"SDP is {text.Length} bytes, more than {MaximumLength}");
        }

        var description = new SessionDescription();
        MediaDescription? media = null;
        bool sawVersion = false;
        bool sawOrigin = false;
        int lineNumber = 0;
        foreach (string rawLine in text.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.TrimEnd('\r', ' ', '\t');
            if (line.Length == 0)
            {
                continue;
            }

            // RFC 4566 §9: no field may hold CR, LF or NUL. A CR inside a line is a line break to other parsers,
            // so the peer and we would read different lines; refuse it rather than keep it in a value.
            if (line.AsSpan().IndexOfAny('\r', '\0') >= 0)
            {
                return SdpParseResult.Fail($"line {lineNumber} contains a CR or NUL inside it");
            }

            if (line.Length < 2 || line[1] != '=')
            {
                return SdpParseResult.Fail($"line {lineNumber} is not <type>=<value>: '{Shorten(line)}'");
            }

            string value = line[2..];
            switch (line[0])
            {
                case 'v':
                    if (value.Trim() != "0")
                    {
                        return SdpParseResult.Fail($"line {lineNumber}: unsupported SDP version '{Shorten(value)}'");
                    }

                    sawVersion = true;
                    break;
                case 'o':
                    if (!ParseOrigin(value, description))
                    {
                        return SdpParseResult.Fail($"line {lineNumber}: malformed o= line '{Shorten(value)}'");
                    }

                    sawOrigin = true;
                    break;
                case 's':
                    description.SessionName = value;
                    break;
                case 'c':
                    if (!TryParseConnection(value, out string address))
                    {
                        return SdpParseResult.Fail($"line {lineNumber}: malformed c= line '{Shorten(value)}'");
                    }

                    if (media is null)
                    {
                        description.ConnectionAddress = address;
                    }
                    else
                    {
                        media.ConnectionAddress = address;
                    }

                    break;
                case 'm':
                    media = ParseMedia(value);
                    if (media is null)
                    {
                        return SdpParseResult.Fail($"line {lineNumber}: malformed m= line '{Shorten(value)}'");
                    }

                    description.Media.Add(media);
                    break;
                case 'a':
                    int colon = value.IndexOf(':', StringComparison.Ordinal);
                    var attribute = colon < 0
                        ? new SdpAttributeLine(value.Trim(), "")
                        : new SdpAttributeLine(value[..colon].Trim(), value[(colon + 1)..].Trim());
                    (media?.Attributes ?? description.Attributes).Add(attribute);
                    break;
                default:
                    // t=, b=, i=, u=, e=, p=, z=, k=, r= and unknown types carry nothing the media plane needs.
                    break;
            }
        }

        if (!sawVersion || !sawOrigin)
        {
            return SdpParseResult.Fail(sawVersion ? "no o= line" : "no v= line");
        }

        return SdpParseResult.Ok(description);
    }

    private static bool ParseOrigin(string value, SessionDescription description)
    {
        // o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>
        string[] parts = value.Split(FieldSeparators, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 6)
        {
            return false;
        }

        description.OriginUserName = parts[0];
        _ = ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong id);
        _ = ulong.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out ulong version);
        description.SessionId = id;
        description.SessionVersion = version;
        description.OriginAddress = parts[5];
        return true;
    }

    private static bool TryParseConnection(string value, out string address)
    {
        // c=IN IP4 192.0.2.1[/ttl]
        address = "";
        string[] parts = value.Split(FieldSeparators, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || !parts[0].Equals("IN", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        int slash = parts[2].IndexOf('/', StringComparison.Ordinal);
        address = slash < 0 ? parts[2] : parts[2][..slash];
        return address.Length > 0;
    }

    private static MediaDescription? ParseMedia(string value)
    {
        // m=<media> <port>[/<number of ports>] <proto> <fmt> ...
        string[] parts = value.Split(FieldSeparators, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3)
        {
            return null;
        }

        string portText = parts[1];
        int slash = portText.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            portText = portText[..slash];
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            return null;
        }

        var media = new MediaDescription { Media = parts[0], Port = port, Protocol = parts[2] };
        for (int i = 3; i < parts.Length; i++)
        {
            media.Formats.Add(parts[i]);
        }

        return media;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "...";
}
