using Intercom.Station.Inbound;

namespace Intercom.Station.Tests;

public sealed class CallerNumberTests
{
    [Theory]
    [InlineData("+49 (30) 1234-567", "49301234567")]
    [InlineData("0049301234567", "49301234567")]
    [InlineData("%2B49.30.1234567", "49301234567")]
    [InlineData("610;phone-context=fritz.box", "610")]
    [InlineData("**610", "**610")]
    [InlineData("Alice", "alice")]
    [InlineData("  ", "")]
    public void Normalize_PbxFormatting_GivesTheComparableForm(string input, string expected) =>
        Assert.Equal(expected, CallerNumber.Normalize(input));

    [Theory]
    [InlineData("+49 30 1234567", "0049301234567", true)]
    [InlineData("610", "610", true)]
    [InlineData("610", "6100", false)]
    [InlineData("610", null, false)]
    [InlineData("*", "anyone", true)]
    [InlineData("alice", "ALICE", true)]
    public void Matches_ComparesNormalisedUserParts(string pattern, string? caller, bool expected) =>
        Assert.Equal(expected, CallerNumber.Matches(pattern, caller));
}
