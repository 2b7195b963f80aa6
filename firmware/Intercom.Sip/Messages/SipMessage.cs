using System.Buffers;
using System.Text;

namespace Intercom.Sip.Messages;

/// <summary>
/// A received SIP request or response. Header values are slices of the received buffer: looking one up
/// does not allocate; typed views (<see cref="CallId"/>, <see cref="CSeq"/>, ...) are parsed once on first use.
/// </summary>
public sealed class SipMessage
{
    private readonly byte[] _buffer;
    private readonly SipHeaderField[] _headers;
    private readonly int _startLineLength;
    private readonly int _bodyStart;
    private readonly int _bodyLength;
    private readonly int _firstSpace;
    private readonly int _secondSpace;
    private string? _method;
    private string? _requestUri;
    private string? _reasonPhrase;
    private string? _callId;
    private SipCSeq? _cseq;
    private SipVia? _topVia;
    private SipNameAddress? _from;
    private SipNameAddress? _to;

    private SipMessage(byte[] buffer, int startLineLength, SipHeaderField[] headers, int bodyStart, int bodyLength, bool isRequest, int firstSpace, int secondSpace, int statusCode)
    {
        _buffer = buffer;
        _startLineLength = startLineLength;
        _headers = headers;
        _bodyStart = bodyStart;
        _bodyLength = bodyLength;
        IsRequest = isRequest;
        _firstSpace = firstSpace;
        _secondSpace = secondSpace;
        StatusCode = statusCode;
    }

    /// <summary>True for a request, false for a response.</summary>
    public bool IsRequest { get; }

    /// <summary>True for a response.</summary>
    public bool IsResponse => !IsRequest;

    /// <summary>Status code of a response; 0 for a request.</summary>
    public int StatusCode { get; }

    /// <summary>The whole message as received (after unfolding of header lines).</summary>
    public ReadOnlySpan<byte> Raw => _buffer;

    /// <summary>Size of the message in bytes.</summary>
    public int Length => _buffer.Length;

    /// <summary>The request method as bytes (requests only).</summary>
    public ReadOnlySpan<byte> MethodBytes => IsRequest ? _buffer.AsSpan(0, _firstSpace) : default;

    /// <summary>The request method, e.g. INVITE; empty for a response. Known methods do not allocate.</summary>
    public string Method => _method ??= IsRequest ? SipMethods.Intern(MethodBytes) : string.Empty;

    /// <summary>The Request-URI text; empty for a response.</summary>
    public string RequestUri => _requestUri ??= IsRequest ? Encoding.UTF8.GetString(_buffer.AsSpan(_firstSpace + 1, _secondSpace - _firstSpace - 1)) : string.Empty;

    /// <summary>The SIP-Version of the start line, e.g. SIP/2.0.</summary>
    public ReadOnlySpan<byte> Version => IsRequest ? _buffer.AsSpan(_secondSpace + 1, _startLineLength - _secondSpace - 1) : _buffer.AsSpan(0, _firstSpace);

    /// <summary>The Reason-Phrase of a response; empty for a request.</summary>
    public string ReasonPhrase => _reasonPhrase ??= IsRequest || _secondSpace < 0 ? string.Empty : Encoding.UTF8.GetString(_buffer.AsSpan(_secondSpace + 1, _startLineLength - _secondSpace - 1));

    /// <summary>The message body (opaque bytes; interpret with <see cref="ContentType"/>).</summary>
    public ReadOnlyMemory<byte> Body => _buffer.AsMemory(_bodyStart, _bodyLength);

    /// <summary>
    /// Set when a datagram's Content-Length could not be honoured (missing body bytes, several or malformed values);
    /// <see cref="SipMessageValidator"/> rejects such a message with 400.
    /// </summary>
    public string? FramingError { get; private init; }

    /// <summary>Number of header field lines.</summary>
    public int HeaderCount => _headers.Length;

    /// <summary>The Call-ID value.</summary>
    public string CallId => _callId ??= GetHeader(SipHeaderKind.CallId) ?? string.Empty;

    /// <summary>The parsed CSeq, or null when missing or malformed.</summary>
    public SipCSeq? CSeq => _cseq ??= TryGetHeader(SipHeaderKind.CSeq, out ReadOnlySpan<byte> v) && SipCSeq.TryParse(Encoding.UTF8.GetString(v), out SipCSeq? c) ? c : null;

    /// <summary>The topmost Via value, or null when missing or malformed.</summary>
    public SipVia? TopVia => _topVia ??= ParseTopVia();

    /// <summary>The From header, or null when missing or malformed.</summary>
    public SipNameAddress? From => _from ??= ParseNameAddress(SipHeaderKind.From);

    /// <summary>The To header, or null when missing or malformed.</summary>
    public SipNameAddress? To => _to ??= ParseNameAddress(SipHeaderKind.To);

    /// <summary>The Content-Type value, or null.</summary>
    public string? ContentType => GetHeader(SipHeaderKind.ContentType);

    /// <summary>Name of the header line at <paramref name="index"/> as received.</summary>
    public ReadOnlySpan<byte> GetHeaderName(int index) => _buffer.AsSpan(_headers[index].NameStart, _headers[index].NameLength);

    /// <summary>Value of the header line at <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> GetHeaderValue(int index) => _buffer.AsSpan(_headers[index].ValueStart, _headers[index].ValueLength);

    /// <summary>Kind of the header line at <paramref name="index"/>.</summary>
    public SipHeaderKind GetHeaderKind(int index) => _headers[index].Kind;

    /// <summary>Finds the first header line of a kind. Does not allocate.</summary>
    public bool TryGetHeader(SipHeaderKind kind, out ReadOnlySpan<byte> value)
    {
        foreach (SipHeaderField field in _headers)
        {
            if (field.Kind == kind)
            {
                value = _buffer.AsSpan(field.ValueStart, field.ValueLength);
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Finds the first header line with a name (case-insensitive; compact forms of known headers match). Does not allocate.</summary>
    public bool TryGetHeader(string name, out ReadOnlySpan<byte> value)
    {
        SipHeaderKind kind = SipHeaderNames.Identify(name);
        if (kind != SipHeaderKind.Unknown)
        {
            return TryGetHeader(kind, out value);
        }

        foreach (SipHeaderField field in _headers)
        {
            if (field.Kind == SipHeaderKind.Unknown && SipHeaderNames.EqualsIgnoreCase(_buffer.AsSpan(field.NameStart, field.NameLength), name))
            {
                value = _buffer.AsSpan(field.ValueStart, field.ValueLength);
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The first header line of a kind as a string, or null.</summary>
    public string? GetHeader(SipHeaderKind kind) => TryGetHeader(kind, out ReadOnlySpan<byte> v) ? Encoding.UTF8.GetString(v) : null;

    /// <summary>The first header line with a name as a string, or null.</summary>
    public string? GetHeader(string name) => TryGetHeader(name, out ReadOnlySpan<byte> v) ? Encoding.UTF8.GetString(v) : null;

    /// <summary>Number of header lines of a kind.</summary>
    public int CountHeaderLines(SipHeaderKind kind)
    {
        int count = 0;
        foreach (SipHeaderField field in _headers)
        {
            if (field.Kind == kind)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Enumerates every value of a header across all its lines, splitting comma-separated lists (RFC 3261 §7.3.1)
    /// outside quoted strings and angle brackets. Does not allocate.
    /// </summary>
    public SipHeaderValueEnumerator GetHeaderValues(SipHeaderKind kind) => new(_buffer, _headers, kind, splitCommas: true);

    /// <summary>Enumerates each header line of a kind without splitting (for headers such as WWW-Authenticate). Does not allocate.</summary>
    public SipHeaderValueEnumerator GetHeaderLines(SipHeaderKind kind) => new(_buffer, _headers, kind, splitCommas: false);

    /// <summary>All values of a header as strings (allocates; for the dialog and transaction layers).</summary>
    public List<string> GetHeaderValueStrings(SipHeaderKind kind)
    {
        var list = new List<string>();
        foreach (ReadOnlySpan<byte> value in GetHeaderValues(kind))
        {
            list.Add(Encoding.UTF8.GetString(value));
        }

        return list;
    }

    /// <summary>Writes the message back out as bytes, exactly as it was parsed (after unfolding).</summary>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_buffer);
    }

    /// <inheritdoc/>
    public override string ToString() => Encoding.UTF8.GetString(_buffer);

    internal static SipMessage? Create(byte[] buffer, int startLineLength, SipHeaderField[] headers, int bodyStart, int bodyLength, string? framingError, out string? reason)
    {
        ReadOnlySpan<byte> line = buffer.AsSpan(0, startLineLength);
        int firstSpace = line.IndexOf((byte)' ');
        if (firstSpace <= 0)
        {
            reason = "start line has no space";
            return null;
        }

        if (line.StartsWith("SIP/"u8))
        {
            // RFC 3261 §7.2: Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF
            if (!IsVersion(line[..firstSpace]))
            {
                reason = "malformed SIP-Version in status line";
                return null;
            }

            ReadOnlySpan<byte> rest = line[(firstSpace + 1)..];
            int codeLength = rest.IndexOf((byte)' ');
            ReadOnlySpan<byte> code = codeLength < 0 ? rest : rest[..codeLength];
            if (code.Length != 3 || !SipGrammar.TryParseDecimal(code, out long status) || status < 100)
            {
                reason = "status code is not three digits";
                return null;
            }

            int secondSpace = codeLength < 0 ? -1 : firstSpace + 1 + codeLength;
            reason = null;
            return new SipMessage(buffer, startLineLength, headers, bodyStart, bodyLength, false, firstSpace, secondSpace, (int)status) { FramingError = framingError };
        }

        // RFC 3261 §7.1: Request-Line = Method SP Request-URI SP SIP-Version CRLF (single spaces).
        int secondRel = line[(firstSpace + 1)..].IndexOf((byte)' ');
        if (secondRel <= 0)
        {
            reason = "request line is not Method SP Request-URI SP SIP-Version";
            return null;
        }

        int second = firstSpace + 1 + secondRel;
        ReadOnlySpan<byte> method = line[..firstSpace];
        ReadOnlySpan<byte> uri = line[(firstSpace + 1)..second];
        ReadOnlySpan<byte> version = line[(second + 1)..];
        if (!SipGrammar.IsToken(method))
        {
            reason = "method is not a token";
            return null;
        }

        if (!IsRequestUri(uri))
        {
            reason = "Request-URI is malformed";
            return null;
        }

        if (!IsVersion(version))
        {
            reason = "malformed SIP-Version in request line";
            return null;
        }

        reason = null;
        return new SipMessage(buffer, startLineLength, headers, bodyStart, bodyLength, true, firstSpace, second, 0) { FramingError = framingError };
    }

    private static bool IsVersion(ReadOnlySpan<byte> version)
    {
        // RFC 3261 §25.1: SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT (case-insensitive "SIP").
        if (version.Length < 7 || !SipHeaderNames.EqualsIgnoreCase(version[..4], "SIP/"))
        {
            return false;
        }

        ReadOnlySpan<byte> numbers = version[4..];
        int dot = numbers.IndexOf((byte)'.');
        return dot > 0 && SipGrammar.TryParseDecimal(numbers[..dot], out _) && SipGrammar.TryParseDecimal(numbers[(dot + 1)..], out _);
    }

    private static bool IsRequestUri(ReadOnlySpan<byte> uri)
    {
        // RFC 3261 §25.1: Request-URI = SIP-URI / SIPS-URI / absoluteURI; a scheme then ":" and no whitespace or <>".
        int colon = uri.IndexOf((byte)':');
        if (colon <= 0 || colon == uri.Length - 1)
        {
            return false;
        }

        if ((uint)((uri[0] | 0x20) - 'a') > 'z' - 'a')
        {
            return false;
        }

        for (int i = 1; i < colon; i++)
        {
            byte b = uri[i];
            bool schemeChar = (uint)((b | 0x20) - 'a') <= 'z' - 'a' || (uint)(b - '0') <= 9 || b is (byte)'+' or (byte)'-' or (byte)'.';
            if (!schemeChar)
            {
                return false;
            }
        }

        foreach (byte b in uri)
        {
            if (b <= 0x20 || b >= 0x7F || b is (byte)'<' or (byte)'>' or (byte)'"')
            {
                return false;
            }
        }

        return true;
    }

    private SipVia? ParseTopVia()
    {
        foreach (ReadOnlySpan<byte> value in GetHeaderValues(SipHeaderKind.Via))
        {
            return SipVia.TryParse(Encoding.UTF8.GetString(value), out SipVia? via) ? via : null;
        }

        return null;
    }

    private SipNameAddress? ParseNameAddress(SipHeaderKind kind) =>
        TryGetHeader(kind, out ReadOnlySpan<byte> v) && SipNameAddress.TryParse(Encoding.UTF8.GetString(v), out SipNameAddress? address) ? address : null;
}
