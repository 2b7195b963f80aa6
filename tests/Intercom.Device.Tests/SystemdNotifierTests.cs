using Intercom.Device.Systemd;

namespace Intercom.Device.Tests;

public sealed class SystemdNotifierTests
{
    [Fact]
    public async Task TryNotify_PathSocket_DeliversOneDatagram()
    {
        using var listener = NotifySocketListener.AtPath();
        using var notifier = new SystemdNotifier(listener.Address);

        Assert.True(notifier.TryNotify("READY=1\nSTATUS=Running", out var error));

        Assert.Null(error);
        Assert.Equal("READY=1\nSTATUS=Running", await listener.ReceiveAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task TryNotify_AbstractSocketWrittenWithAt_Delivers()
    {
        using var listener = NotifySocketListener.Abstract();
        using var notifier = new SystemdNotifier(listener.Address);

        Assert.True(notifier.TryNotify("STOPPING=1", out _));

        Assert.Equal("STOPPING=1", await listener.ReceiveAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void TryNotify_NobodyListening_ReturnsFalseWithReason()
    {
        using var directory = new TemporaryDirectory();
        using var notifier = new SystemdNotifier(directory.File("absent.sock"));

        Assert.False(notifier.TryNotify("READY=1", out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Constructor_RelativeAddress_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SystemdNotifier("notify.sock"));
    }

    [Theory]
    [InlineData("2000000", null, 2000)]
    [InlineData("2000000", "4242", 2000)]
    [InlineData("2000000", "1", null)]
    [InlineData(null, null, null)]
    [InlineData("0", null, null)]
    [InlineData("abc", null, null)]
    public void WatchdogSettings_FromVariables_HonoursTimeoutAndProcess(string? timeoutMicroseconds, string? watchdogProcess, int? expectedMilliseconds)
    {
        var variables = new Dictionary<string, string?>
        {
            [SystemdWatchdogSettings.TimeoutVariable] = timeoutMicroseconds,
            [SystemdWatchdogSettings.ProcessVariable] = watchdogProcess,
        };

        var timeout = SystemdWatchdogSettings.FromVariables(name => variables[name], processId: 4242);

        Assert.Equal(expectedMilliseconds is int ms ? TimeSpan.FromMilliseconds(ms) : null, timeout);
        if (timeout is TimeSpan value)
        {
            Assert.Equal(TimeSpan.FromSeconds(1), SystemdWatchdogSettings.PingInterval(value));
        }
    }
}
