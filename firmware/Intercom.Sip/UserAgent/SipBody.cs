using System.Text;

namespace Intercom.Sip.UserAgent;

/// <summary>A message body as opaque bytes with its Content-Type (SDP, DTMF relay, ...); SIP does not look inside.</summary>
/// <param name="ContentType">The media type, e.g. application/sdp.</param>
/// <param name="Content">The bytes.</param>
public sealed record SipBody(string ContentType, ReadOnlyMemory<byte> Content)
{
    /// <summary>A body from text (UTF-8).</summary>
    public static SipBody FromText(string contentType, string text) => new(contentType, Encoding.UTF8.GetBytes(text));

    /// <summary>The content decoded as UTF-8.</summary>
    public string Text => Encoding.UTF8.GetString(Content.Span);
}
