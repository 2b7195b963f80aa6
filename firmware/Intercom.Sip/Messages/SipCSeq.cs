using System.Diagnostics.CodeAnalysis;

namespace Intercom.Sip.Messages;

/// <summary>RFC 3261 §20.16: CSeq = 1*DIGIT LWS Method, the number below 2^31.</summary>
public sealed record SipCSeq(long Number, string Method)
{
    /// <summary>Parses a CSeq value; false when malformed or out of range.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SipCSeq? cseq)
    {
        cseq = null;
        ReadOnlySpan<char> text = value.AsSpan().Trim();
        int space = text.IndexOfAny(' ', '\t');
        if (space <= 0)
        {
            return false;
        }

        // RFC 3261 §8.1.1.5: the sequence number MUST be expressible as a 32-bit unsigned integer and less than 2^31.
        if (!SipGrammar.TryParseDecimal(text[..space], out long number) || number >= 1L << 31)
        {
            return false;
        }

        ReadOnlySpan<char> method = text[(space + 1)..].Trim();
        if (!SipGrammar.IsToken(method))
        {
            return false;
        }

        cseq = new SipCSeq(number, SipMethods.Intern(System.Text.Encoding.ASCII.GetBytes(method.ToString())));
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Number} {Method}";
}
