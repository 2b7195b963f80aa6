using System.Text;

namespace Intercom.Sip.Messages;

/// <summary>
/// The Warning header field (RFC 3261 §20.43): <c>warn-code SP warn-agent SP quoted-string</c>. Used to say why an
/// offer was refused (488) in words a person reading a trace or a phone's display understands.
/// </summary>
public static class SipWarning
{
    /// <summary>RFC 3261 §20.43: 399 Miscellaneous warning (free text, the reason is in the text).</summary>
    public const int Miscellaneous = 399;

    private const int MaximumTextLength = 200;

    /// <summary>Builds a header value; the text is trimmed to 200 characters and quoted (RFC 3261 §25.1 quoted-string).</summary>
    public static string Format(int code, string agent, string text)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(text);
        var value = new StringBuilder(text.Length + agent.Length + 10);
        value.Append(Math.Clamp(code, 300, 399)).Append(' ').Append(Token(agent)).Append(" \"");
        int written = 0;
        foreach (char c in text)
        {
            if (written++ >= MaximumTextLength)
            {
                value.Append("...");
                break;
            }

            if (c is '"' or '\\')
            {
                value.Append('\\').Append(c);
            }
            else
            {
                // Control characters (CR and LF above all) would break the header line: replace them.
                value.Append(char.IsControl(c) ? ' ' : c);
            }
        }

        return value.Append('"').ToString();
    }

    /// <summary>The text of a Warning value (the quoted part, unescaped), or null when it has none.</summary>
    public static string? TextOf(string? value)
    {
        if (value is null)
        {
            return null;
        }

        int open = value.IndexOf('"', StringComparison.Ordinal);
        if (open < 0)
        {
            return null;
        }

        var text = new StringBuilder(value.Length - open);
        for (int i = open + 1; i < value.Length; i++)
        {
            char c = value[i];
            if (c == '\\' && i + 1 < value.Length)
            {
                text.Append(value[++i]);
            }
            else if (c == '"')
            {
                break;
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private static string Token(string agent)
    {
        // warn-agent is a hostport or a pseudonym token: keep token characters only.
        var token = new StringBuilder(agent.Length);
        foreach (char c in agent)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~' or ':' or '[' or ']')
            {
                token.Append(c);
            }
        }

        return token.Length == 0 ? "intercom" : token.ToString();
    }
}
