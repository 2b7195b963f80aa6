using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Intercom.Sip.Messages;

/// <summary>
/// RFC 3261 §20.10/§25.1: ( name-addr / addr-spec ) *( SEMI generic-param ), as used by From, To, Contact,
/// Route and Record-Route. In the addr-spec form the parameters belong to the header, not the URI.
/// </summary>
public sealed class SipNameAddress
{
    /// <summary>Creates a name-addr.</summary>
    public SipNameAddress(SipUri uri, string? displayName = null, SipParameters? parameters = null)
    {
        Uri = uri;
        DisplayName = displayName;
        Parameters = parameters ?? new SipParameters();
    }

    /// <summary>The display name without quotes and with quoted pairs resolved; null when absent.</summary>
    public string? DisplayName { get; }

    /// <summary>The address.</summary>
    public SipUri Uri { get; }

    /// <summary>Header parameters (tag, expires, q, ...).</summary>
    public SipParameters Parameters { get; }

    /// <summary>The tag parameter (RFC 3261 §19.3), or null.</summary>
    public string? Tag => Parameters.Get("tag");

    /// <summary>Parses a single name-addr or addr-spec with parameters.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SipNameAddress? address)
    {
        address = null;
        ReadOnlySpan<char> span = text.AsSpan().Trim();
        string? displayName = null;
        int i = 0;
        if (span.IsEmpty)
        {
            return false;
        }

        if (span[0] == '"')
        {
            var name = new StringBuilder();
            i = 1;
            bool closed = false;
            while (i < span.Length)
            {
                char c = span[i];
                if (c == '\\' && i + 1 < span.Length)
                {
                    name.Append(span[i + 1]);
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    closed = true;
                    i++;
                    break;
                }

                name.Append(c);
                i++;
            }

            if (!closed)
            {
                return false;
            }

            displayName = name.ToString();
            while (i < span.Length && span[i] is ' ' or '\t')
            {
                i++;
            }

            if (i >= span.Length || span[i] != '<')
            {
                return false;
            }
        }

        int open = span[i..].IndexOf('<');
        if (open >= 0)
        {
            open += i;
            if (displayName is null && open > 0)
            {
                // RFC 3261 §25.1: display-name = *(token LWS) / quoted-string
                ReadOnlySpan<char> tokens = span[..open].Trim();
                foreach (Range part in tokens.SplitAny(" \t"))
                {
                    ReadOnlySpan<char> token = tokens[part];
                    if (!token.IsEmpty && !SipGrammar.IsToken(token))
                    {
                        return false;
                    }
                }

                displayName = tokens.IsEmpty ? null : tokens.ToString();
            }

            int close = span[open..].IndexOf('>');
            if (close < 0)
            {
                return false;
            }

            close += open;
            if (!SipUri.TryParse(span[(open + 1)..close].ToString(), out SipUri? uri))
            {
                return false;
            }

            if (!SipParameters.TryParse(span[(close + 1)..], out SipParameters? parameters))
            {
                return false;
            }

            address = new SipNameAddress(uri, displayName, parameters);
            return true;
        }

        // RFC 3261 §20: addr-spec form: the URI must not contain comma, question mark or semicolon;
        // a semicolon starts the header parameters.
        int semicolon = span.IndexOf(';');
        ReadOnlySpan<char> spec = (semicolon < 0 ? span : span[..semicolon]).TrimEnd();
        if (spec.IndexOfAny(",? \t") >= 0 || !SipUri.TryParse(spec.ToString(), out SipUri? bare))
        {
            return false;
        }

        if (!SipParameters.TryParse(semicolon < 0 ? default : span[semicolon..], out SipParameters? headerParameters))
        {
            return false;
        }

        address = new SipNameAddress(bare, null, headerParameters);
        return true;
    }

    /// <summary>A copy with a tag parameter set.</summary>
    public SipNameAddress WithTag(string tag)
    {
        SipParameters parameters = Parameters.Clone();
        parameters.Set("tag", tag);
        return new SipNameAddress(Uri, DisplayName, parameters);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var builder = new StringBuilder();
        if (!string.IsNullOrEmpty(DisplayName))
        {
            builder.Append('"');
            foreach (char c in DisplayName)
            {
                if (c is '"' or '\\')
                {
                    builder.Append('\\');
                }

                builder.Append(c);
            }

            builder.Append("\" ");
        }

        builder.Append('<').Append(Uri).Append('>');
        Parameters.AppendTo(builder);
        return builder.ToString();
    }
}
