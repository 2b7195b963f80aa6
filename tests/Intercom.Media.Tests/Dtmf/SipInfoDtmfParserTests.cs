using Intercom.Media.Dtmf;

namespace Intercom.Media.Tests.Dtmf;

public sealed class SipInfoDtmfParserTests
{
    [Theory]
    [InlineData("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n", '5', 160)]
    [InlineData("application/dtmf-relay", "Signal=#\nDuration=250\n", '#', 250)]
    [InlineData("application/dtmf-relay", "signal = *\r\nduration = 100", '*', 100)]
    [InlineData("Application/DTMF-Relay; charset=x", "Signal=11\r\n", '#', 0)]
    [InlineData("application/dtmf-relay", "Signal=a\r\nDuration=100\r\n", 'A', 100)]
    [InlineData("application/dtmf", "7", '7', 0)]
    [InlineData("application/dtmf", " 10\r\n", '*', 0)]
    public void Parse_ValidBodies_GiveDigit(string contentType, string body, char digit, int durationMilliseconds)
    {
        DtmfInfoResult result = SipInfoDtmfParser.Parse(contentType, body);

        Assert.True(result.Success, result.Error);
        Assert.Equal(digit, result.Digit);
        Assert.Equal(TimeSpan.FromMilliseconds(durationMilliseconds), result.Duration);
    }

    [Theory]
    [InlineData("application/dtmf-relay", "Duration=160\r\n", "no Signal=")]
    [InlineData("application/dtmf-relay", "Signal=X\r\n", "not a DTMF digit")]
    [InlineData("application/dtmf", "16", "not a DTMF digit")]
    [InlineData("application/dtmf", "", "not a DTMF digit")]
    [InlineData("text/plain", "5", "is not application/dtmf")]
    public void Parse_InvalidBodies_FailWithReason(string contentType, string body, string reason)
    {
        DtmfInfoResult result = SipInfoDtmfParser.Parse(contentType, body);

        Assert.False(result.Success);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }
}
