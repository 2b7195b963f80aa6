using System.Net;

namespace Intercom.Web.Tests.Endpoints;

/// <summary>The dashboard's live stream and the service's life.</summary>
public sealed class DashboardStreamTests
{
    [Fact]
    public async Task Stream_OpenWhileTheServiceStops_EndsAtOnceInsteadOfHoldingTheStop()
    {
        await using var host = await StationHost.StartAsync();
        using var admin = host.CreateClient();
        await StationHost.SetUpAsync(admin);
        using var response = await admin.GetAsync(new Uri("web/api/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        Assert.True(await body.ReadAsync(new byte[64], TestContext.Current.CancellationToken) > 0);

        // Kestrel waits up to its whole shutdown timeout (30 s) for requests still running: a restart from the web
        // page, or systemd stopping the service, would hang while any dashboard is open.
        var stopping = TimeProvider.System.GetTimestamp();
        await host.App.StopAsync(TestContext.Current.CancellationToken);

        Assert.True(TimeProvider.System.GetElapsedTime(stopping) < TimeSpan.FromSeconds(10), $"stopping took {TimeProvider.System.GetElapsedTime(stopping)}");
    }
}
