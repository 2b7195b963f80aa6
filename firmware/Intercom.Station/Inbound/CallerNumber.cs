namespace Intercom.Station.Inbound;

/// <summary>
/// Normalises the user part of a caller's URI so that a PBX's formatting does not break the allow-list:
/// <c>+49 (30) 1234-567</c>, <c>0049301234567</c> and <c>49.30.1234567</c> all become <c>49301234567</c>;
/// <c>Alice</c> becomes <c>alice</c>.
/// </summary>
public static class CallerNumber
{
    /// <summary>The comparable form of <paramref name="userPart"/>; empty when nothing is left.</summary>
    public static string Normalize(string? userPart)
    {
        if (string.IsNullOrWhiteSpace(userPart))
        {
            return string.Empty;
        }

        var text = Unescape(userPart.Trim());

        // RFC 3966 §5.1.5: visual separators ("-", ".", "(", ")") and spaces carry no meaning in a telephone number.
        // A user part with a ";" carries parameters (;phone-context=..., ;isub=...): only the number counts.
        var parameters = text.IndexOf(';', StringComparison.Ordinal);
        if (parameters >= 0)
        {
            text = text[..parameters];
        }

        Span<char> buffer = stackalloc char[Math.Min(text.Length, 256)];
        var length = 0;
        var allDialable = true;
        foreach (var character in text)
        {
            if (character is ' ' or '-' or '.' or '(' or ')' or '/' or '\t')
            {
                continue;
            }

            if (length == buffer.Length)
            {
                break;
            }

            buffer[length++] = char.ToLowerInvariant(character);
            allDialable &= char.IsAsciiDigit(character) || character is '+' or '*' or '#';
        }

        var result = buffer[..length];
        if (!allDialable)
        {
            // A name (alice, door-phone): only the case and separators were normalised.
            return new string(result);
        }

        // International prefixes: "+49..." and "0049..." are the same number.
        if (result.StartsWith("+"))
        {
            result = result[1..];
        }
        else if (result.StartsWith("00"))
        {
            result = result[2..];
        }

        return new string(result);
    }

    /// <summary>True when <paramref name="pattern"/> (from the allow-list) matches <paramref name="callerUserPart"/>.</summary>
    public static bool Matches(string pattern, string? callerUserPart)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern == "*")
        {
            return true;
        }

        var caller = Normalize(callerUserPart);
        return caller.Length > 0 && string.Equals(Normalize(pattern), caller, StringComparison.Ordinal);
    }

    private static string Unescape(string text)
    {
        // RFC 3261 §19.1.2: the user part may be %-escaped (a PBX writes %2B49 for +49).
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
