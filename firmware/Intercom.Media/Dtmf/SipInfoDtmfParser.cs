using System.Globalization;

namespace Intercom.Media.Dtmf;

/// <summary>
/// Parses the bodies of SIP INFO DTMF (pure functions, no SIP types): <c>application/dtmf-relay</c>
/// (<c>Signal=5</c> and <c>Duration=160</c> lines) and <c>application/dtmf</c> (the digit alone). Accepts what
/// PBXs send: any line ending, spaces around '=', case-insensitive keys, and 10/11 for * and #.
/// </summary>
public static class SipInfoDtmfParser
{
    /// <summary>Parses a body of the given content type (parameters after ';' are ignored).</summary>
    public static DtmfInfoResult Parse(string contentType, string body)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        ArgumentNullException.ThrowIfNull(body);
        string type = contentType.Split(';')[0].Trim();
        if (type.Equals("application/dtmf-relay", StringComparison.OrdinalIgnoreCase))
        {
            return ParseDtmfRelay(body);
        }

        if (type.Equals("application/dtmf", StringComparison.OrdinalIgnoreCase))
        {
            return ParseSignal(body.Trim(), TimeSpan.Zero);
        }

        return DtmfInfoResult.Fail($"content type '{Shorten(type)}' is not application/dtmf-relay or application/dtmf");
    }

    private static DtmfInfoResult ParseDtmfRelay(string body)
    {
        string? signal = null;
        TimeSpan duration = TimeSpan.Zero;
        foreach (string rawLine in body.Split('\n'))
        {
            string line = rawLine.Trim();
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            string key = line[..equals].Trim();
            string value = line[(equals + 1)..].Trim();
            if (key.Equals("Signal", StringComparison.OrdinalIgnoreCase))
            {
                signal = value;
            }
            else if (key.Equals("Duration", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int milliseconds)
                && milliseconds <= 60_000)
            {
                duration = TimeSpan.FromMilliseconds(milliseconds);
            }
        }

        return signal is null ? DtmfInfoResult.Fail("no Signal= line in the dtmf-relay body") : ParseSignal(signal, duration);
    }

    private static DtmfInfoResult ParseSignal(string signal, TimeSpan duration)
    {
        if (signal.Length == 1 && DtmfDigits.IsDigit(signal[0]))
        {
            return DtmfInfoResult.Ok(char.ToUpperInvariant(signal[0]), duration);
        }

        // Some PBXs send the RFC 4733 event code instead of the character (10 = *, 11 = #).
        if (int.TryParse(signal, NumberStyles.None, CultureInfo.InvariantCulture, out int code) && code is >= 0 and < 16)
        {
            return DtmfInfoResult.Ok(DtmfDigits.FromEventCode(code), duration);
        }

        return DtmfInfoResult.Fail($"signal '{Shorten(signal)}' is not a DTMF digit");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
