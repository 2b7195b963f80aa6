using Intercom.Sip.Messages;

namespace Intercom.Sip.Tests.Messages;

public sealed class SipWarningTests
{
    [Fact]
    public void Format_TextWithQuotesBackslashAndLineBreak_StaysOneQuotedStringAndReadsBack()
    {
        string value = SipWarning.Format(SipWarning.Miscellaneous, "Intercom Door/1.0", "offer \"RTP/SAVP\"\r\nwith a\\b");

        Assert.Equal("399 IntercomDoor1.0 \"offer \\\"RTP/SAVP\\\"  with a\\\\b\"", value);
        Assert.DoesNotContain('\n', value);
        Assert.Equal("offer \"RTP/SAVP\"  with a\\b", SipWarning.TextOf(value));
    }

    [Fact]
    public void Format_LongText_CutAt200Characters()
    {
        string value = SipWarning.Format(399, "door", new string('x', 500));

        Assert.Equal(200 + 3, SipWarning.TextOf(value)!.Length);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("399 host", null)]
    [InlineData("305 pbx \"Incompatible media format\"", "Incompatible media format")]
    [InlineData("399 pbx \"unterminated", "unterminated")]
    public void TextOf_AnyValue_QuotedPartOrNull(string? value, string? expected) => Assert.Equal(expected, SipWarning.TextOf(value));
}
