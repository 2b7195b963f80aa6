namespace Intercom.Sip.Messages;

/// <summary>Character classes of the RFC 3261 §25.1 grammar.</summary>
internal static class SipGrammar
{
    /// <summary>RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~").</summary>
    public static bool IsTokenChar(int c) =>
        (uint)(c - 'a') <= 'z' - 'a'
        || (uint)(c - 'A') <= 'Z' - 'A'
        || (uint)(c - '0') <= 9
        || c is '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~';

    public static bool IsToken(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (byte b in text)
        {
            if (!IsTokenChar(b))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsToken(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsWhitespace(int c) => c is ' ' or '\t' or '\r' or '\n';

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text)
    {
        int start = 0;
        int end = text.Length;
        while (start < end && IsWhitespace(text[start]))
        {
            start++;
        }

        while (end > start && IsWhitespace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    public static bool TryParseDecimal(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 18)
        {
            return false;
        }

        foreach (byte b in digits)
        {
            if ((uint)(b - '0') > 9)
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    public static bool TryParseDecimal(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 18)
        {
            return false;
        }

        foreach (char c in digits)
        {
            if ((uint)(c - '0') > 9)
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
