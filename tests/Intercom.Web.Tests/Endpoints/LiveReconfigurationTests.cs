using System.Net;
using Intercom.Device.Hosting;
using Intercom.Interop.Tests.Peers;
using Intercom.Station.Controller;

namespace Intercom.Web.Tests.Endpoints;

/// <summary>Settings saved on the page apply without a restart of the service, and never cut a call.</summary>
public sealed class LiveReconfigurationTests
{
    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(start) < TimeSpan.FromSeconds(20), $"timed out waiting for {what}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private static object SipPage(string bindAddress) => new
    {
        accounts = Array.Empty<object>(),
        bindAddress,
        udpPort = 0,
        tcpPort = 0,
    };

    [Fact]
    public async Task SipSaved_DuringACall_RestartsTheStationOnlyAfterTheCallEnds()
    {
        await using var bob = await BaresipPeer.StartAsync("<sip:bob@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMU/8000/1", TestContext.Current.CancellationToken);
        await using var host = await StationHost.StartAsync();
        using var admin = host.CreateClient();
        var csrf = await StationHost.SetUpAsync(admin);
        var station = host.Service<StationService>();
        var before = station.Runtime!;

        using (var started = await StationHost.PostAsync(admin, "web/api/calls/test", new { target = $"sip:bob@127.0.0.1:{bob.SipPort}" }, csrf))
        {
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        }

        await WaitForAsync(() => before.Station.Status.State == StationState.Talking, "the call to be answered");
        using (var saved = await StationHost.PostAsync(admin, "web/api/settings/sip", SipPage("127.0.0.2"), csrf))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        // The new settings are stored at once, but the call goes on with the station that placed it.
        Assert.Equal("127.0.0.2", host.Configuration.Sip.BindAddress);
        await station.WaitForRestartAsync();
        Assert.Same(before, station.Runtime);
        Assert.Equal(StationState.Talking, before.Station.Status.State);

        await bob.CommandAsync("hangup", cancellationToken: TestContext.Current.CancellationToken);
        await WaitForAsync(() => station.Runtime is { } now && !ReferenceEquals(now, before), "the station to restart after the call");
        Assert.Equal("127.0.0.2", station.Runtime!.SipEndPoint!.Address.ToString());

        // A station-only change reaches the running controller without another restart.
        var after = station.Runtime;
        using (var codes = await StationHost.PostAsync(admin, "web/api/settings/doorcodes", new { doorCodes = new[] { new Dictionary<string, object> { ["relay"] = "strike", ["$original"] = 0 } } }, csrf))
        {
            Assert.Equal(HttpStatusCode.OK, codes.StatusCode);
        }

        Assert.Equal("1234", Assert.Single(host.Configuration.Station.DoorCodes).Code);
        await station.WaitForRestartAsync();
        Assert.Same(after, station.Runtime);
    }
}
