using Intercom.Device.Systemd;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Intercom.Device.Tests;

public sealed class SystemdLifecycleServiceTests
{
    private sealed class TestLifetime : IHostApplicationLifetime, IDisposable
    {
        public CancellationTokenSource Started { get; } = new();

        public CancellationTokenSource Stopping { get; } = new();

        public CancellationToken ApplicationStarted => Started.Token;

        public CancellationToken ApplicationStopping => Stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stopping.Cancel();

        public void Dispose()
        {
            Started.Dispose();
            Stopping.Dispose();
        }
    }

    [Fact]
    public async Task Lifecycle_SendsReadyOnlyWhenStartedAndStoppingWhenStopping()
    {
        using var listener = NotifySocketListener.Abstract();
        using var notifier = new SystemdNotifier(listener.Address);
        using var lifetime = new TestLifetime();
        using var service = new SystemdLifecycleService(notifier, lifetime, NullLogger<SystemdLifecycleService>.Instance);

        await service.StartAsync(TestContext.Current.CancellationToken);
        Assert.Null(await listener.ReceiveAsync(TimeSpan.FromMilliseconds(200)));

        await lifetime.Started.CancelAsync();
        Assert.Equal("READY=1\nSTATUS=Running", await listener.ReceiveAsync(TimeSpan.FromSeconds(5)));

        lifetime.StopApplication();
        Assert.Equal("STOPPING=1\nSTATUS=Stopping", await listener.ReceiveAsync(TimeSpan.FromSeconds(5)));
    }
}
