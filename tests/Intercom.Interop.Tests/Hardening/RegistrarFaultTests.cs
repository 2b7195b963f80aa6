using Intercom.Interop.Tests.Peers;
using Intercom.Interop.Tests.Sip;
using Intercom.Interop.Tests.Station;
using Intercom.Sip.Configuration;
using Intercom.Station.Adapters;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;

namespace Intercom.Interop.Tests.Hardening;

/// <summary>
/// The registrar (kamailio over TCP) is down when the station boots, comes up later, and is killed and restarted on
/// the same port during a call: the station registers once it is back, and the call through it keeps talking.
/// </summary>
public sealed class RegistrarFaultTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Registrar_DownAtBootThenRestartedDuringCall_RegistersAndCallContinues()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        int registrarPort = FreePort.Next();
        var account = new SipAccountOptions
        {
            Name = "pbx", User = "door", Password = KamailioFixture.Users["door"], Registrar = $"127.0.0.1:{registrarPort}",
            Transport = SipTransportPreference.Tcp, RetryMinimum = TimeSpan.FromSeconds(1), RetryMaximum = TimeSpan.FromSeconds(2),
        };
        await using StationUnderTest station = await StationUnderTest.StartAsync(
            StationUnderTest.Options(StationUnderTest.Plan(CallPlanMode.Parallel, new CallTargetOptions { Target = "bob" }), account), cancellationToken: ct);

        // Down at boot: the attempt fails (TCP refused) and the status says why.
        await Poll.UntilAsync(() => station.Runtime.Agent.Accounts[0].Status.LastStatusCode is >= 400, Deadline, "a failed registration", ct);
        Assert.False(station.Runtime.Agent.Accounts[0].IsRegistered);

        KamailioPeer kamailio = await KamailioPeer.StartAsync(KamailioFixture.Users, cancellationToken: ct, port: registrarPort);
        try
        {
            await Poll.UntilAsync(() => station.Runtime.Agent.Accounts[0].IsRegistered, Deadline, "the registration once the registrar is back", ct);
            await using BaresipPeer bob = await BaresipPeer.StartAsync($"<sip:bob@127.0.0.1:{registrarPort}>;auth_pass={KamailioFixture.Users["bob"]};regint=120;answermode=auto;audio_codecs=PCMA", 60, ct);
            await bob.WaitForRegistrationAsync(Deadline, ct);
            SipCallLeg? leg = null;
            station.Runtime.Dialer.LegCreated += (_, created) => leg = created;

            station.Press();
            await Poll.UntilAsync(() => station.Runtime.Station.Status.State == StationState.Talking, Deadline, "talking", ct);
            await Poll.UntilAsync(() => leg?.Call?.GetStatus() is { PacketsReceived: > 25 }, Deadline, "RTP from bob", ct);

            // The registrar dies and comes back on the same port; media never went through it.
            await kamailio.DisposeAsync();
            long receivedWhileDown = leg!.Call!.GetStatus().PacketsReceived;
            await Poll.UntilAsync(() => leg.Call!.GetStatus().PacketsReceived > receivedWhileDown + 50, Deadline, "RTP while the registrar is down", ct);
            kamailio = await KamailioPeer.StartAsync(KamailioFixture.Users, cancellationToken: ct, port: registrarPort);
            long receivedAfterRestart = leg.Call!.GetStatus().PacketsReceived;
            await Poll.UntilAsync(() => leg.Call!.GetStatus().PacketsReceived > receivedAfterRestart + 50, Deadline, "RTP after the restart", ct);
            Assert.Equal(StationState.Talking, station.Runtime.Station.Status.State);

            // bob hangs up: the BYE follows the record-route through the restarted proxy and the call ends cleanly.
            await bob.CommandAsync("hangup", cancellationToken: ct);
            await Poll.UntilAsync(() => station.Runtime.Station.Status.State == StationState.Idle, Deadline, "the call to end", ct);
        }
        finally
        {
            await kamailio.DisposeAsync();
        }
    }
}
