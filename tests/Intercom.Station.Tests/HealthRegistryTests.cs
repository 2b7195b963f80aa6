using Intercom.Station.Health;
using Microsoft.Extensions.Time.Testing;

namespace Intercom.Station.Tests;

public sealed class HealthRegistryTests
{
    [Fact]
    public void Evaluate_ProbeReportsInTime_IsHealthy_StaleProbe_IsNot()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 2, 3, 4, 5, 6, TimeSpan.Zero));
        var registry = new HealthRegistry(clock);
        var sip = registry.Register("sip-loop", TimeSpan.FromSeconds(1));
        var audio = registry.Register("audio-thread", TimeSpan.FromMilliseconds(200));

        clock.Advance(TimeSpan.FromMilliseconds(150));
        Assert.True(registry.Evaluate().Healthy);

        clock.Advance(TimeSpan.FromMilliseconds(100));
        sip.ReportAlive();
        var report = registry.Evaluate();
        Assert.False(report.Healthy);
        Assert.Equal([true, false], report.Probes.Select(p => p.Fresh));
        Assert.Equal(TimeSpan.FromMilliseconds(250), report.Probes[1].Age);

        audio.ReportAlive();
        Assert.True(registry.Evaluate().Healthy);
    }

    [Fact]
    public void Register_SameNameTwice_Throws_UnregisterRemoves()
    {
        var registry = new HealthRegistry(new FakeTimeProvider());
        var probe = registry.Register("sip-loop", TimeSpan.FromSeconds(1));

        Assert.Throws<InvalidOperationException>(() => registry.Register("sip-loop", TimeSpan.FromSeconds(1)));
        registry.Unregister(probe);
        Assert.Empty(registry.Evaluate().Probes);
    }

    [Fact]
    public void ReportAlive_AllocatesNothing()
    {
        var registry = new HealthRegistry(TimeProvider.System);
        var probe = registry.Register("audio-thread", TimeSpan.FromSeconds(1));
        probe.ReportAlive();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            probe.ReportAlive();
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
