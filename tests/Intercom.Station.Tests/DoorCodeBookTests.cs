using Intercom.Station.Codes;
using Intercom.Station.Configuration;

namespace Intercom.Station.Tests;

public sealed class DoorCodeBookTests
{
    private static readonly DoorCodeBook Book = new([
        new DoorCodeOptions { Relay = "strike", Code = "1234" },
        new DoorCodeOptions { Relay = "gate", Code = "12" },
        new DoorCodeOptions { Relay = "garage", Code = "1234567890*ABCD12" [..16] },
    ]);

    [Theory]
    [InlineData("1234", "strike")]
    [InlineData("12", "gate")]
    [InlineData("1234567890*ABCD1", "garage")]
    [InlineData("123", null)]
    [InlineData("12345", null)]
    [InlineData("", null)]
    [InlineData("1234567890*ABCD12", null)]
    public void Match_ExactCodesOnly_PrefixesAndExtensionsFail(string entry, string? relay) =>
        Assert.Equal(relay, Book.Match(entry));

    [Fact]
    public void Entry_MoreThanSixteenDigits_NeverMatches()
    {
        var entry = new DoorCodeEntry();
        foreach (var digit in "12341234123412341234")
        {
            entry.Append(digit);
        }

        Assert.Equal(20, entry.Count);
        Assert.Null(new DoorCodeBook([new DoorCodeOptions { Relay = "strike", Code = "1234123412341234" }]).Match(entry.Digits));
        Assert.True(entry.Append('#'));
    }
}
