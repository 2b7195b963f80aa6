using System.Text;

namespace Intercom.Sip.Messages;

/// <summary>Maps header field names (full and RFC 3261 §7.3.3 compact forms, any case) to <see cref="SipHeaderKind"/> and back.</summary>
public static class SipHeaderNames
{
    private static readonly string[] CanonicalNames = BuildCanonicalNames();

    /// <summary>The canonical spelling used when this stack writes the header.</summary>
    public static string GetName(SipHeaderKind kind) => CanonicalNames[(int)kind];

    /// <summary>Identifies a header name given as ASCII bytes; never allocates.</summary>
    public static SipHeaderKind Identify(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            // RFC 3261 §7.3.3 and RFC 3515/4028/3265: compact forms.
            return (name[0] | 0x20) switch
            {
                'i' => SipHeaderKind.CallId,
                'm' => SipHeaderKind.Contact,
                'e' => SipHeaderKind.ContentEncoding,
                'l' => SipHeaderKind.ContentLength,
                'c' => SipHeaderKind.ContentType,
                'f' => SipHeaderKind.From,
                's' => SipHeaderKind.Subject,
                'k' => SipHeaderKind.Supported,
                't' => SipHeaderKind.To,
                'v' => SipHeaderKind.Via,
                'o' => SipHeaderKind.Event,
                'r' => SipHeaderKind.ReferTo,
                'b' => SipHeaderKind.ReferredBy,
                'x' => SipHeaderKind.SessionExpires,
                'u' => SipHeaderKind.AllowEvents,
                _ => SipHeaderKind.Unknown,
            };
        }

        for (int i = 1; i < CanonicalNames.Length; i++)
        {
            if (EqualsIgnoreCase(name, CanonicalNames[i]))
            {
                return (SipHeaderKind)i;
            }
        }

        return SipHeaderKind.Unknown;
    }

    /// <summary>Identifies a header name given as a string (full or compact form, any case).</summary>
    public static SipHeaderKind Identify(string name)
    {
        Span<byte> bytes = stackalloc byte[Math.Min(name.Length, 64)];
        if (name.Length > 64)
        {
            return SipHeaderKind.Unknown;
        }

        for (int i = 0; i < name.Length; i++)
        {
            if (name[i] > 0x7F)
            {
                return SipHeaderKind.Unknown;
            }

            bytes[i] = (byte)name[i];
        }

        return Identify(bytes);
    }

    /// <summary>ASCII case-insensitive comparison of a byte span with a string of ASCII letters.</summary>
    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> bytes, string text)
    {
        if (bytes.Length != text.Length)
        {
            return false;
        }

        for (int i = 0; i < bytes.Length; i++)
        {
            int a = bytes[i];
            int b = text[i];
            if (a == b)
            {
                continue;
            }

            if ((uint)((a | 0x20) - 'a') <= 'z' - 'a' && (a | 0x20) == (b | 0x20))
            {
                continue;
            }

            return false;
        }

        return true;
    }

    private static string[] BuildCanonicalNames()
    {
        var names = new string[(int)SipHeaderKind.WwwAuthenticate + 1];
        names[(int)SipHeaderKind.Unknown] = string.Empty;
        names[(int)SipHeaderKind.Accept] = "Accept";
        names[(int)SipHeaderKind.AcceptEncoding] = "Accept-Encoding";
        names[(int)SipHeaderKind.AcceptLanguage] = "Accept-Language";
        names[(int)SipHeaderKind.AlertInfo] = "Alert-Info";
        names[(int)SipHeaderKind.Allow] = "Allow";
        names[(int)SipHeaderKind.AllowEvents] = "Allow-Events";
        names[(int)SipHeaderKind.AuthenticationInfo] = "Authentication-Info";
        names[(int)SipHeaderKind.Authorization] = "Authorization";
        names[(int)SipHeaderKind.CallId] = "Call-ID";
        names[(int)SipHeaderKind.CallInfo] = "Call-Info";
        names[(int)SipHeaderKind.Contact] = "Contact";
        names[(int)SipHeaderKind.ContentDisposition] = "Content-Disposition";
        names[(int)SipHeaderKind.ContentEncoding] = "Content-Encoding";
        names[(int)SipHeaderKind.ContentLanguage] = "Content-Language";
        names[(int)SipHeaderKind.ContentLength] = "Content-Length";
        names[(int)SipHeaderKind.ContentType] = "Content-Type";
        names[(int)SipHeaderKind.CSeq] = "CSeq";
        names[(int)SipHeaderKind.Date] = "Date";
        names[(int)SipHeaderKind.ErrorInfo] = "Error-Info";
        names[(int)SipHeaderKind.Event] = "Event";
        names[(int)SipHeaderKind.Expires] = "Expires";
        names[(int)SipHeaderKind.From] = "From";
        names[(int)SipHeaderKind.InReplyTo] = "In-Reply-To";
        names[(int)SipHeaderKind.MaxForwards] = "Max-Forwards";
        names[(int)SipHeaderKind.MimeVersion] = "MIME-Version";
        names[(int)SipHeaderKind.MinExpires] = "Min-Expires";
        names[(int)SipHeaderKind.MinSE] = "Min-SE";
        names[(int)SipHeaderKind.Organization] = "Organization";
        names[(int)SipHeaderKind.Priority] = "Priority";
        names[(int)SipHeaderKind.ProxyAuthenticate] = "Proxy-Authenticate";
        names[(int)SipHeaderKind.ProxyAuthorization] = "Proxy-Authorization";
        names[(int)SipHeaderKind.ProxyRequire] = "Proxy-Require";
        names[(int)SipHeaderKind.RecordRoute] = "Record-Route";
        names[(int)SipHeaderKind.ReferTo] = "Refer-To";
        names[(int)SipHeaderKind.ReferredBy] = "Referred-By";
        names[(int)SipHeaderKind.ReplyTo] = "Reply-To";
        names[(int)SipHeaderKind.Require] = "Require";
        names[(int)SipHeaderKind.RetryAfter] = "Retry-After";
        names[(int)SipHeaderKind.Route] = "Route";
        names[(int)SipHeaderKind.Server] = "Server";
        names[(int)SipHeaderKind.SessionExpires] = "Session-Expires";
        names[(int)SipHeaderKind.Subject] = "Subject";
        names[(int)SipHeaderKind.SubscriptionState] = "Subscription-State";
        names[(int)SipHeaderKind.Supported] = "Supported";
        names[(int)SipHeaderKind.Timestamp] = "Timestamp";
        names[(int)SipHeaderKind.To] = "To";
        names[(int)SipHeaderKind.Unsupported] = "Unsupported";
        names[(int)SipHeaderKind.UserAgent] = "User-Agent";
        names[(int)SipHeaderKind.Via] = "Via";
        names[(int)SipHeaderKind.Warning] = "Warning";
        names[(int)SipHeaderKind.WwwAuthenticate] = "WWW-Authenticate";
        return names;
    }

    internal static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
