using System.Diagnostics;
using Intercom.Station.Health;
using Intercom.Device.Systemd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Intercom.Device.Tests;

public sealed class SystemdWatchdogServiceTests
{
    private static readonly TimeSpan WatchdogTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    /// <summary>Waits (with a deadline) until the service has evaluated <paramref name="ticks"/> ticks.</summary>
    private static async Task WaitForTicksAsync(SystemdWatchdogService service, long ticks)
    {
        var deadline = Stopwatch.StartNew();
        while (service.TickCount < ticks)
        {
            Assert.True(deadline.Elapsed < Patience, $"the watchdog evaluated {service.TickCount} ticks, expected {ticks}");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Watchdog_PingsEveryHalfTimeoutOnlyWhileAllProbesAreFresh()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 2, 3, 4, 5, 6, TimeSpan.Zero));
        var health = new HealthRegistry(clock);
        var audio = health.Register("audio-thread", TimeSpan.FromSeconds(8));
        using var listener = NotifySocketListener.AtPath();
        using var notifier = new SystemdNotifier(listener.Address);
        using var service = new SystemdWatchdogService(notifier, WatchdogTimeout, health, clock, NullLogger<SystemdWatchdogService>.Instance);
        var stop = TestContext.Current.CancellationToken;

        // t = 0 s: the first ping goes out at once.
        await service.StartAsync(stop);
        await WaitForTicksAsync(service, 1);
        Assert.Equal("WATCHDOG=1", await listener.ReceiveAsync(Patience));

        // t = 5 s: healthy (registration counts as a report), one ping per half timeout.
        clock.Advance(TimeSpan.FromSeconds(5));
        await WaitForTicksAsync(service, 2);
        Assert.Equal("WATCHDOG=1", await listener.ReceiveAsync(Patience));
        audio.ReportAlive();

        // t = 10 s: last report 5 s old, still fresh.
        clock.Advance(TimeSpan.FromSeconds(5));
        await WaitForTicksAsync(service, 3);
        Assert.Equal("WATCHDOG=1", await listener.ReceiveAsync(Patience));

        // t = 15 s and 20 s: the audio thread has not reported for more than 8 s, so no ping.
        clock.Advance(TimeSpan.FromSeconds(5));
        await WaitForTicksAsync(service, 4);
        clock.Advance(TimeSpan.FromSeconds(5));
        await WaitForTicksAsync(service, 5);
        Assert.Null(await listener.ReceiveAsync(Quiet));

        // t = 25 s: it reported again, pings resume.
        audio.ReportAlive();
        clock.Advance(TimeSpan.FromSeconds(5));
        await WaitForTicksAsync(service, 6);
        Assert.Equal("WATCHDOG=1", await listener.ReceiveAsync(Patience));

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
        Assert.Equal(0, service.TickCount);
        await service.StopAsync(TestContext.Current.CancellationToken);
    }
}
