namespace Intercom.Web.Tests.Endpoints;

/// <summary>One running station with its password set and a logged-in client, shared by a test class.</summary>
public sealed class SetUpStation : IAsyncLifetime
{
    internal StationHost Host { get; private set; } = null!;

    internal HttpClient Admin { get; private set; } = null!;

    internal string Csrf { get; private set; } = "";

    internal long StrikePulses => Host.Service<Intercom.Device.Hosting.HardwareService>().Hardware.FindRelay("strike")!.PulseCount;

    public async ValueTask InitializeAsync()
    {
        Host = await StationHost.StartAsync();
        Admin = Host.CreateClient();
        Csrf = await StationHost.SetUpAsync(Admin);
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Host.DisposeAsync();
    }
}
