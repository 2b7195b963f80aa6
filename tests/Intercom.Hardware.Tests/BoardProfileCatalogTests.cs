using Intercom.Hardware.Boards;

namespace Intercom.Hardware.Tests;

public sealed class BoardProfileCatalogTests
{
    [Fact]
    public void Names_ShipsGenericAndWaveshare()
    {
        Assert.Equal(["generic", "waveshare-rpi-relay-board"], BoardProfileCatalog.Names);
    }

    [Fact]
    public void Find_Waveshare_HasActiveLowRelaysOnBcm26_20_21()
    {
        var board = BoardProfileCatalog.Find("waveshare-rpi-relay-board")!;

        Assert.Equal(new BoardChannel("relay1", 26, true), board.FindChannel("relay1"));
        Assert.Equal(new BoardChannel("relay2", 20, true), board.FindChannel("relay2"));
        Assert.Equal(new BoardChannel("relay3", 21, true), board.FindChannel("relay3"));
    }

    [Theory]
    [InlineData("generic")]
    [InlineData("waveshare-rpi-relay-board")]
    public void Find_EveryProfile_HasUniqueChannelsOnHeaderPins(string name)
    {
        var board = BoardProfileCatalog.Find(name)!;

        Assert.NotEmpty(board.Description);
        Assert.Equal(board.Channels.Count, board.Channels.Select(c => c.Name).Distinct().Count());
        Assert.Equal(board.Channels.Count, board.Channels.Select(c => c.Pin).Distinct().Count());
        Assert.All(board.Channels, c => Assert.InRange(c.Pin, 0, 27));
    }

    [Fact]
    public void Find_GenericProfile_KeepsClearOfI2sAudioPins()
    {
        var board = BoardProfileCatalog.Find("generic")!;

        Assert.DoesNotContain(board.Channels, c => c.Pin is >= 18 and <= 21);
    }

    [Fact]
    public void Find_Unknown_ReturnsNull()
    {
        Assert.Null(BoardProfileCatalog.Find("acme"));
    }
}
