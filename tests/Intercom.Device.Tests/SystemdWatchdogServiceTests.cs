using Intercom.Device.Health;
using Intercom.Device.Systemd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Intercom.Device.Tests;

public sealed class SystemdWatchdogServiceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Watchdog_PingsEveryHalfTimeoutOnlyWhileAllProbesAreFresh()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 2, 3, 4, 5, 6, TimeSpan.Zero));
        var health = new HealthRegistry(clock);
        var audio = health.Register("audio-thread", TimeSpan.FromSeconds(8));
        using var listener = NotifySocketListener.AtPath();
        using var notifier = new SystemdNotifier(listener.Address);
        using var service = new SystemdWatchdogService(notifier, Timeout, health, clock, NullLogger<SystemdWatchdogService>.Instance);
        var stop = TestContext.Current.CancellationToken;

        await service.StartAsync(stop);
        Assert.Equal("WATCHDOG=1", await listener.ReceiveAsync(System.TimeSpan.FromSeconds(5)));

        // Healthy: one ping per half timeout.
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("WATCHDOG=1", await listener.ReceiveAsync(System.TimeSpan.FromSeconds(5)));
        audio.ReportAlive();

        // The audio thread stops reporting: once its last report is older than 8 s the pings stop.
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("WATCHDOG=1", await listener.ReceiveAsync(System.TimeSpan.FromSeconds(5)));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(await listener.ReceiveAsync(Quiet));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(await listener.ReceiveAsync(Quiet));

        // It comes back: pings resume at the next tick.
        audio.ReportAlive();
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("WATCHDOG=1", await listener.ReceiveAsync(System.TimeSpan.FromSeconds(5)));

        await service.StopAsync(stop);
        Assert.Equal(4, service.PingCount);
    }

    [Fact]
    public async Task Watchdog_NoTimeoutConfigured_SendsNothing()
    {
        var clock = new FakeTimeProvider();
        using var listener = NotifySocketListener.AtPath();
        using var notifier = new SystemdNotifier(listener.Address);
        using var service = new SystemdWatchdogService(notifier, null, new HealthRegistry(clock), clock, NullLogger<SystemdWatchdogService>.Instance);

        await service.StartAsync(TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Null(await listener.ReceiveAsync(Quiet));
        await service.StopAsync(TestContext.Current.CancellationToken);
    }
}
