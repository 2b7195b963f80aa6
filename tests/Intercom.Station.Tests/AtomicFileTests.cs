using Intercom.Station.Configuration;

namespace Intercom.Station.Tests;

public sealed class AtomicFileTests
{
    [Fact]
    public void Write_OverWorldReadableFile_ReplacesContentWithMode0600()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("intercom.json");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        AtomicFile.Write(path, "new"u8);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal([path], Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Write_MissingDirectory_ThrowsAndLeavesNothing()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "absent", "intercom.json");

        Assert.ThrowsAny<IOException>(() => AtomicFile.Write(path, "x"u8));
        Assert.Empty(Directory.GetFileSystemEntries(directory.Path));
    }

    [Fact]
    public void Write_TargetIsADirectory_ThrowsAndKeepsNoTemporaryFile()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("intercom.json");
        Directory.CreateDirectory(path);

        Assert.ThrowsAny<IOException>(() => AtomicFile.Write(path, "x"u8));
        Assert.Equal([path], Directory.GetFileSystemEntries(directory.Path));
    }
}
