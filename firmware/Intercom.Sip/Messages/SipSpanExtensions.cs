namespace Intercom.Sip.Messages;

/// <summary>Small helpers over byte spans of header values.</summary>
internal static class SipSpanExtensions
{
    /// <summary>The text up to the first space, semicolon or parenthesis.</summary>
    public static ReadOnlySpan<byte> SplitFirstToken(this ReadOnlySpan<byte> text)
    {
        int end = text.IndexOfAny((byte)' ', (byte)';', (byte)'(');
        return end < 0 ? text : text[..end];
    }
}
