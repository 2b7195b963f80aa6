using Intercom.Station.Lockout;
using Microsoft.Extensions.Time.Testing;

namespace Intercom.Station.Tests;

public sealed class TamperLockoutTests
{
    private static readonly DateTimeOffset OddStart = new(2031, 2, 28, 23, 59, 7, TimeSpan.FromHours(3));

    [Fact]
    public void Trip_TimeLeftSavedPeriodically_RestartResumesFromTheLastSave()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("tamper-lockout");
        var clock = new FakeTimeProvider(OddStart);
        var lockout = new TamperLockout(path, TimeSpan.FromMinutes(10), clock);
        lockout.Trip(TimeSpan.FromMinutes(10));
        clock.Advance(TimeSpan.FromSeconds(60));
        clock.Advance(TimeSpan.FromSeconds(5));

        // A power cut: no Dispose, the file holds the save at 60 s.
        var afterPowerCut = new TamperLockout(path, TimeSpan.FromMinutes(10), new FakeTimeProvider(OddStart.AddYears(-30)));

        Assert.Equal(TimeSpan.FromMinutes(9), afterPowerCut.Remaining);
        Assert.True(lockout.Remaining < afterPowerCut.Remaining);
        lockout.Dispose();
        afterPowerCut.Dispose();
    }

    [Theory]
    [InlineData("remainingMilliseconds=abc")]
    [InlineData("remainingMilliseconds=999999999999999")]
    [InlineData("\u0000\u0001garbage")]
    public void Load_UnreadableFile_LocksOutForTheWholeDuration(string content)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("tamper-lockout");
        File.WriteAllText(path, content);

        using var lockout = new TamperLockout(path, TimeSpan.FromMinutes(10), new FakeTimeProvider(OddStart));

        Assert.Equal(TimeSpan.FromMinutes(10), lockout.Remaining);
    }

    [Fact]
    public void Remaining_RunsOut_FileRemovedAndNoLockoutAfterRestart()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("tamper-lockout");
        var clock = new FakeTimeProvider(OddStart);
        using (var lockout = new TamperLockout(path, TimeSpan.FromMinutes(1), clock))
        {
            lockout.Trip(TimeSpan.FromMinutes(1));
            Assert.True(File.Exists(path));
            clock.Advance(TimeSpan.FromSeconds(61));
            Assert.False(lockout.IsActive);
        }

        Assert.False(File.Exists(path));
        using var restarted = new TamperLockout(path, TimeSpan.FromMinutes(1), new FakeTimeProvider(OddStart));
        Assert.False(restarted.IsActive);
    }
}
