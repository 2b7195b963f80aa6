namespace Intercom.Sip.Messages;

/// <summary>
/// Parses SIP messages from bytes (RFC 3261 §7, §25). Never throws on wire input: the result carries
/// <see cref="SipParseStatus.Incomplete"/> or <see cref="SipParseStatus.Invalid"/> with a reason instead.
/// </summary>
public static class SipMessageParser
{
    /// <summary>Largest message accepted unless the caller says otherwise (RFC 3261 §18.1.1 allows up to 65,535 on UDP).</summary>
    public const int DefaultMaxMessageBytes = 65_535;

    private const string BareCarriageReturn = "bare CR inside a line of the header section";

    /// <summary>Most header field lines accepted in one message.</summary>
    public const int MaxHeaderFields = 256;

    /// <summary>Parses one message from the start of <paramref name="input"/>.</summary>
    /// <param name="input">Received bytes: a datagram, or the unread part of a stream.</param>
    /// <param name="framing">Datagram (body cut to Content-Length) or stream (body framed by Content-Length).</param>
    /// <param name="maxMessageBytes">Messages larger than this are rejected as oversized.</param>
    public static SipParseResult Parse(ReadOnlySpan<byte> input, SipFraming framing, int maxMessageBytes = DefaultMaxMessageBytes)
    {
        // RFC 3261 §7.5: ignore empty lines before the start line; RFC 5626 §3.5.1: CRLF keep-alives.
        int start = 0;
        while (start < input.Length && (input[start] == '\r' || input[start] == '\n'))
        {
            start++;
        }

        if (start == input.Length)
        {
            if (start > 0)
            {
                return SipParseResult.KeepAlive(start);
            }

            return framing == SipFraming.Stream ? SipParseResult.Incomplete() : SipParseResult.Invalid("empty datagram");
        }

        Span<SipHeaderField> fields = stackalloc SipHeaderField[MaxHeaderFields];
        Span<bool> folded = stackalloc bool[MaxHeaderFields];
        int fieldCount = 0;
        bool anyFolded = false;

        // Start line.
        int lineEnd = input[start..].IndexOf((byte)'\n');
        if (lineEnd < 0)
        {
            return NeedMore(input.Length - start, framing, maxMessageBytes, "start line not terminated");
        }

        lineEnd += start;
        int startLineEnd = lineEnd > start && input[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        if (input[start..startLineEnd].Contains((byte)'\r'))
        {
            return SipParseResult.Invalid(BareCarriageReturn);
        }

        int pos = lineEnd + 1;
        int bodyStart = -1;

        while (true)
        {
            if (pos - start > maxMessageBytes)
            {
                return SipParseResult.Invalid("message exceeds the size limit");
            }

            int rel = input[pos..].IndexOf((byte)'\n');
            if (rel < 0)
            {
                return NeedMore(input.Length - start, framing, maxMessageBytes, "header section not terminated by an empty line");
            }

            int end = pos + rel;
            int contentEnd = end > pos && input[end - 1] == '\r' ? end - 1 : end;
            if (contentEnd == pos)
            {
                bodyStart = end + 1;
                break;
            }

            // RFC 3261 §25.1: CR appears only in CRLF, even in a quoted-pair. A bare CR inside a header line
            // would be a line break to a stricter peer: refused, so no such value is ever echoed (e.g. in a 400).
            if (input[pos..contentEnd].Contains((byte)'\r'))
            {
                return SipParseResult.Invalid(BareCarriageReturn);
            }

            byte first = input[pos];
            if (first == ' ' || first == '\t')
            {
                // RFC 3261 §7.3.1: a line starting with whitespace continues the previous header field.
                if (fieldCount == 0)
                {
                    return SipParseResult.Invalid("continuation line before the first header field");
                }

                ref SipHeaderField last = ref fields[fieldCount - 1];
                int valueStart = last.ValueLength == 0 ? SkipWhitespace(input, pos, contentEnd) : last.ValueStart;
                last = last with { ValueStart = valueStart, ValueLength = contentEnd - valueStart };
                folded[fieldCount - 1] = true;
                anyFolded = true;
                pos = end + 1;
                continue;
            }

            if (fieldCount == MaxHeaderFields)
            {
                return SipParseResult.Invalid("too many header fields");
            }

            ReadOnlySpan<byte> line = input[pos..contentEnd];
            int colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                return SipParseResult.Invalid("header field without a colon");
            }

            // RFC 3261 §25.1: HCOLON = *( SP / HTAB ) ":" SWS
            int nameLength = colon;
            while (nameLength > 0 && (line[nameLength - 1] == ' ' || line[nameLength - 1] == '\t'))
            {
                nameLength--;
            }

            ReadOnlySpan<byte> name = line[..nameLength];
            if (!SipGrammar.IsToken(name))
            {
                return SipParseResult.Invalid("header field name is not a token");
            }

            int valueBegin = SkipWhitespace(input, pos + colon + 1, contentEnd);
            int valueEnd = contentEnd;
            while (valueEnd > valueBegin && (input[valueEnd - 1] == ' ' || input[valueEnd - 1] == '\t'))
            {
                valueEnd--;
            }

            fields[fieldCount] = new SipHeaderField(SipHeaderNames.Identify(name), pos, nameLength, valueBegin, valueEnd - valueBegin);
            folded[fieldCount] = false;
            fieldCount++;
            pos = end + 1;
        }

        // RFC 3261 §20.14 and §18.3: Content-Length frames the body.
        long contentLength = -1;
        string? framingError = null;
        for (int i = 0; i < fieldCount; i++)
        {
            if (fields[i].Kind != SipHeaderKind.ContentLength)
            {
                continue;
            }

            if (contentLength >= 0)
            {
                framingError = "more than one Content-Length header field";
                break;
            }

            ReadOnlySpan<byte> value = SipGrammar.Trim(input.Slice(fields[i].ValueStart, fields[i].ValueLength));
            if (!SipGrammar.TryParseDecimal(value, out contentLength) || contentLength > int.MaxValue)
            {
                framingError = "Content-Length is not a valid number";
                break;
            }
        }

        if (framingError is not null && framing == SipFraming.Stream)
        {
            return SipParseResult.Invalid(framingError);
        }

        int available = input.Length - bodyStart;
        int bodyLength;
        if (framing == SipFraming.Datagram)
        {
            // A datagram is framed by its own size: keep a message whose Content-Length cannot be honoured
            // so the UAS can still answer 400 (RFC 4475 §3.1.2.2, §3.3.9); the validator rejects it.
            if (framingError is null && contentLength > available)
            {
                framingError = "Content-Length is larger than the body received";
            }

            bodyLength = framingError is not null || contentLength < 0 ? available : (int)contentLength;
        }
        else
        {
            bodyLength = contentLength < 0 ? 0 : (int)contentLength;
            if (bodyStart - start + (long)bodyLength > maxMessageBytes)
            {
                return SipParseResult.Invalid("message exceeds the size limit");
            }

            if (available < bodyLength)
            {
                return SipParseResult.Incomplete();
            }
        }

        int total = bodyStart - start + bodyLength;
        if (total > maxMessageBytes)
        {
            return SipParseResult.Invalid("message exceeds the size limit");
        }

        byte[] buffer = input.Slice(start, total).ToArray();
        var headers = new SipHeaderField[fieldCount];
        for (int i = 0; i < fieldCount; i++)
        {
            SipHeaderField f = fields[i];
            headers[i] = new SipHeaderField(f.Kind, f.NameStart - start, f.NameLength, f.ValueStart - start, f.ValueLength);
        }

        if (anyFolded)
        {
            for (int i = 0; i < fieldCount; i++)
            {
                if (folded[i])
                {
                    headers[i] = Unfold(buffer, headers[i]);
                }
            }
        }

        SipMessage? message = SipMessage.Create(buffer, startLineEnd - start, headers, bodyStart - start, bodyLength, framingError, out string? reason);
        if (message is null)
        {
            return SipParseResult.Invalid(reason ?? "invalid start line");
        }

        return SipParseResult.Complete(message, start + total);
    }

    private static SipParseResult NeedMore(int length, SipFraming framing, int maxMessageBytes, string reason)
    {
        if (length > maxMessageBytes)
        {
            return SipParseResult.Invalid("message exceeds the size limit");
        }

        return framing == SipFraming.Stream ? SipParseResult.Incomplete() : SipParseResult.Invalid(reason);
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> input, int pos, int end)
    {
        while (pos < end && (input[pos] == ' ' || input[pos] == '\t'))
        {
            pos++;
        }

        return pos;
    }

    private static SipHeaderField Unfold(byte[] buffer, SipHeaderField field)
    {
        // RFC 3261 §7.3.1: folded lines are equivalent to a single SP; replace the line breaks in place.
        Span<byte> value = buffer.AsSpan(field.ValueStart, field.ValueLength);
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] is (byte)'\r' or (byte)'\n')
            {
                value[i] = (byte)' ';
            }
        }

        int length = value.Length;
        while (length > 0 && (value[length - 1] == ' ' || value[length - 1] == '\t'))
        {
            length--;
        }

        return field with { ValueLength = length };
    }
}
