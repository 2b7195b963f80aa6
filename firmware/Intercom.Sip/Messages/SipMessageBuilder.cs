using System.Buffers;
using System.Globalization;
using System.Text;

namespace Intercom.Sip.Messages;

/// <summary>
/// Builds an outgoing request or response. Header order is kept; Content-Length is always written from the body
/// (RFC 3261 §18.3 makes it mandatory on stream transports, and we send it on UDP too).
/// </summary>
public sealed class SipMessageBuilder
{
    private readonly List<(SipHeaderKind Kind, string Name, string Value)> _headers = new(16);

    private SipMessageBuilder(bool isRequest, string method, string requestUri, int statusCode, string reasonPhrase)
    {
        IsRequest = isRequest;
        Method = method;
        RequestUri = requestUri;
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
    }

    /// <summary>True for a request.</summary>
    public bool IsRequest { get; }

    /// <summary>The method of a request, or the CSeq method of a response once set.</summary>
    public string Method { get; }

    /// <summary>The Request-URI of a request.</summary>
    public string RequestUri { get; set; }

    /// <summary>The status code of a response.</summary>
    public int StatusCode { get; }

    /// <summary>The reason phrase of a response.</summary>
    public string ReasonPhrase { get; }

    /// <summary>The body; empty when none.</summary>
    public ReadOnlyMemory<byte> Body { get; private set; }

    /// <summary>The header fields in order (name as written, value).</summary>
    public IReadOnlyList<(SipHeaderKind Kind, string Name, string Value)> Headers => _headers;

    /// <summary>Starts a request.</summary>
    public static SipMessageBuilder Request(string method, string requestUri) => new(true, method, requestUri, 0, string.Empty);

    /// <summary>Starts a response.</summary>
    public static SipMessageBuilder Response(int statusCode, string? reasonPhrase = null) =>
        new(false, string.Empty, string.Empty, statusCode, reasonPhrase ?? SipReasonPhrases.For(statusCode));

    /// <summary>
    /// Starts a response to a request (RFC 3261 §8.2.6.2): copies Via, From, Call-ID, CSeq and To (adding
    /// <paramref name="toTag"/> when To has none), and Record-Route for dialog-creating responses (§12.1.1).
    /// </summary>
    public static SipMessageBuilder ResponseTo(SipMessage request, int statusCode, string? reasonPhrase = null, string? toTag = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        SipMessageBuilder response = Response(statusCode, reasonPhrase);
        foreach (ReadOnlySpan<byte> via in request.GetHeaderLines(SipHeaderKind.Via))
        {
            response.Add(SipHeaderKind.Via, Encoding.UTF8.GetString(via));
        }

        response.Add(SipHeaderKind.From, request.GetHeader(SipHeaderKind.From) ?? string.Empty);
        string to = request.GetHeader(SipHeaderKind.To) ?? string.Empty;
        if (toTag is not null && request.To is { Tag: null } && statusCode > 100)
        {
            to = $"{to};tag={toTag}";
        }

        response.Add(SipHeaderKind.To, to);
        response.Add(SipHeaderKind.CallId, request.CallId);
        response.Add(SipHeaderKind.CSeq, request.GetHeader(SipHeaderKind.CSeq) ?? string.Empty);
        if (statusCode is > 100 and < 300 && request.Method is SipMethods.Invite or SipMethods.Subscribe)
        {
            foreach (ReadOnlySpan<byte> recordRoute in request.GetHeaderLines(SipHeaderKind.RecordRoute))
            {
                response.Add(SipHeaderKind.RecordRoute, Encoding.UTF8.GetString(recordRoute));
            }
        }

        return response;
    }

    /// <summary>Appends a known header field.</summary>
    public SipMessageBuilder Add(SipHeaderKind kind, string value)
    {
        _headers.Add((kind, SipHeaderNames.GetName(kind), value));
        return this;
    }

    /// <summary>Appends a header field by name (unknown names are written as given).</summary>
    public SipMessageBuilder Add(string name, string value)
    {
        SipHeaderKind kind = SipHeaderNames.Identify(name);
        _headers.Add((kind, kind == SipHeaderKind.Unknown ? name : SipHeaderNames.GetName(kind), value));
        return this;
    }

    /// <summary>Inserts a header field before all others (a new topmost Via).</summary>
    public SipMessageBuilder Prepend(SipHeaderKind kind, string value)
    {
        _headers.Insert(0, (kind, SipHeaderNames.GetName(kind), value));
        return this;
    }

    /// <summary>Replaces every field of a kind with one value.</summary>
    public SipMessageBuilder Set(SipHeaderKind kind, string value)
    {
        int index = _headers.FindIndex(h => h.Kind == kind);
        Remove(kind);
        if (index < 0 || index > _headers.Count)
        {
            _headers.Add((kind, SipHeaderNames.GetName(kind), value));
        }
        else
        {
            _headers.Insert(index, (kind, SipHeaderNames.GetName(kind), value));
        }

        return this;
    }

    /// <summary>Removes every field of a kind.</summary>
    public SipMessageBuilder Remove(SipHeaderKind kind)
    {
        _headers.RemoveAll(h => h.Kind == kind);
        return this;
    }

    /// <summary>The first value of a kind, or null.</summary>
    public string? Get(SipHeaderKind kind)
    {
        foreach ((SipHeaderKind k, _, string value) in _headers)
        {
            if (k == kind)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Sets the body and its Content-Type (an empty body removes both).</summary>
    public SipMessageBuilder WithBody(string? contentType, ReadOnlyMemory<byte> body)
    {
        Remove(SipHeaderKind.ContentType);
        Body = body;
        if (!body.IsEmpty && contentType is not null)
        {
            Add(SipHeaderKind.ContentType, contentType);
        }

        return this;
    }

    /// <summary>A shallow copy (same body bytes) that can be changed independently.</summary>
    public SipMessageBuilder Clone()
    {
        var copy = new SipMessageBuilder(IsRequest, Method, RequestUri, StatusCode, ReasonPhrase) { Body = Body };
        copy._headers.AddRange(_headers);
        return copy;
    }

    /// <summary>Serializes the message.</summary>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (IsRequest)
        {
            WriteAscii(writer, Method);
            WriteByte(writer, (byte)' ');
            WriteAscii(writer, RequestUri);
            writer.Write(" SIP/2.0\r\n"u8);
        }
        else
        {
            writer.Write("SIP/2.0 "u8);
            WriteNumber(writer, StatusCode);
            WriteByte(writer, (byte)' ');
            WriteAscii(writer, ReasonPhrase);
            writer.Write("\r\n"u8);
        }

        foreach ((SipHeaderKind kind, string name, string value) in _headers)
        {
            if (kind == SipHeaderKind.ContentLength)
            {
                continue;
            }

            WriteAscii(writer, name);
            writer.Write(": "u8);
            WriteAscii(writer, value);
            writer.Write("\r\n"u8);
        }

        writer.Write("Content-Length: "u8);
        WriteNumber(writer, Body.Length);
        writer.Write("\r\n\r\n"u8);
        writer.Write(Body.Span);
    }

    /// <summary>Serializes the message into a new array.</summary>
    public byte[] ToArray()
    {
        var writer = new ArrayBufferWriter<byte>(512 + Body.Length);
        WriteTo(writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <inheritdoc/>
    public override string ToString() => Encoding.UTF8.GetString(ToArray());

    private static void WriteAscii(IBufferWriter<byte> writer, string text)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> span = writer.GetSpan(max);
        int written = Encoding.UTF8.GetBytes(text, span);
        writer.Advance(written);
    }

    private static void WriteByte(IBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    private static void WriteNumber(IBufferWriter<byte> writer, long value)
    {
        Span<byte> span = writer.GetSpan(20);
        value.TryFormat(span, out int written, default, CultureInfo.InvariantCulture);
        writer.Advance(written);
    }
}
