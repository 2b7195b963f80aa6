namespace Intercom.Sip.Messages;

/// <summary>
/// Walks the values of one header kind across all its lines, optionally splitting comma-separated lists
/// (RFC 3261 §7.3.1) while respecting quoted strings, quoted pairs and angle brackets. Allocation-free.
/// </summary>
public ref struct SipHeaderValueEnumerator
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly ReadOnlySpan<SipHeaderField> _headers;
    private readonly SipHeaderKind _kind;
    private readonly bool _splitCommas;
    private int _headerIndex;
    private int _offset;
    private ReadOnlySpan<byte> _current;

    internal SipHeaderValueEnumerator(ReadOnlySpan<byte> buffer, ReadOnlySpan<SipHeaderField> headers, SipHeaderKind kind, bool splitCommas)
    {
        _buffer = buffer;
        _headers = headers;
        _kind = kind;
        _splitCommas = splitCommas;
        _headerIndex = -1;
        _offset = -1;
        _current = default;
    }

    /// <summary>The current value, trimmed of surrounding whitespace.</summary>
    public readonly ReadOnlySpan<byte> Current => _current;

    /// <summary>Returns this enumerator (for foreach).</summary>
    public readonly SipHeaderValueEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next value.</summary>
    public bool MoveNext()
    {
        while (true)
        {
            if (_offset < 0)
            {
                do
                {
                    _headerIndex++;
                }
                while (_headerIndex < _headers.Length && _headers[_headerIndex].Kind != _kind);

                if (_headerIndex >= _headers.Length)
                {
                    return false;
                }

                _offset = 0;
            }

            SipHeaderField field = _headers[_headerIndex];
            ReadOnlySpan<byte> value = _buffer.Slice(field.ValueStart, field.ValueLength);
            if (!_splitCommas)
            {
                _current = SipGrammar.Trim(value);
                _offset = -1;
                return true;
            }

            if (_offset > value.Length)
            {
                _offset = -1;
                continue;
            }

            ReadOnlySpan<byte> rest = value[_offset..];
            int comma = FindSeparator(rest);
            ReadOnlySpan<byte> item = comma < 0 ? rest : rest[..comma];
            _offset = comma < 0 ? value.Length + 1 : _offset + comma + 1;
            item = SipGrammar.Trim(item);
            if (item.IsEmpty)
            {
                continue;
            }

            _current = item;
            return true;
        }
    }

    /// <summary>Index of the first comma that separates list elements, or -1.</summary>
    internal static int FindSeparator(ReadOnlySpan<byte> text)
    {
        bool quoted = false;
        int angle = 0;
        for (int i = 0; i < text.Length; i++)
        {
            byte b = text[i];
            if (quoted)
            {
                if (b == '\\')
                {
                    i++;
                }
                else if (b == '"')
                {
                    quoted = false;
                }

                continue;
            }

            switch (b)
            {
                case (byte)'"':
                    quoted = true;
                    break;
                case (byte)'<':
                    angle++;
                    break;
                case (byte)'>':
                    angle = Math.Max(0, angle - 1);
                    break;
                case (byte)',' when angle == 0:
                    return i;
            }
        }

        return -1;
    }
}
