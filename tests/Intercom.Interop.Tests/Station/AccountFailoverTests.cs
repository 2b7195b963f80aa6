using Intercom.Interop.Tests.Peers;
using Intercom.Interop.Tests.Sip;
using Intercom.Sip.Configuration;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;
using Intercom.Station.Journal;

namespace Intercom.Interop.Tests.Station;

/// <summary>
/// Calls go through either SIP account with failover: the door station registers at two kamailios (the primary over
/// TCP, the backup over UDP); the primary's server goes away, and the visitor's call still reaches the resident
/// registered at the backup.
/// </summary>
public sealed class AccountFailoverTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ButtonPress_PrimaryServerGone_CallGoesThroughTheBackupAccount()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using KamailioPeer backup = await KamailioPeer.StartAsync(KamailioFixture.Users, cancellationToken: ct);
        KamailioPeer primary = await KamailioPeer.StartAsync(KamailioFixture.Users, cancellationToken: ct);
        bool primaryRunning = true;
        try
        {
            await using BaresipPeer bob = await BaresipPeer.StartAsync(
                $"<sip:bob@127.0.0.1:{backup.Port}>;auth_pass={KamailioFixture.Users["bob"]};regint=120;answermode=auto;audio_codecs=PCMA", 30, ct);
            await bob.WaitForRegistrationAsync(Deadline, ct);
            SipAccountOptions[] accounts =
            [
                new() { Name = "primary", User = "door", Password = KamailioFixture.Users["door"], Registrar = $"127.0.0.1:{primary.Port}", Transport = SipTransportPreference.Tcp },
                new() { Name = "backup", User = "door", Password = KamailioFixture.Users["door"], Registrar = $"127.0.0.1:{backup.Port}", Transport = SipTransportPreference.Udp },
            ];
            await using var station = await StationUnderTest.StartAsync(
                StationUnderTest.Options(StationUnderTest.Plan(CallPlanMode.Parallel, new CallTargetOptions { Target = "bob" }), accounts), cancellationToken: ct);
            await Poll.UntilAsync(() => station.Runtime.Agent.Accounts.All(account => account.IsRegistered), Deadline, "both registrations", ct);

            // The primary's server goes away: its TCP port refuses connections from now on. The primary account is
            // still registered (until its refresh), so the call goes out through it first and must fail over.
            primaryRunning = false;
            await primary.DisposeAsync();
            Assert.Equal("primary", station.Runtime.Agent.SelectAccount()?.Name);
            station.Press();

            await bob.WaitForEventAsync("CALL_ESTABLISHED", Deadline, ct);
            await Poll.UntilAsync(() => station.Runtime.Station.Status.State == StationState.Talking, Deadline, "talking", ct);
            await DoorStationCallTests.SendCodeAsync(bob, StationUnderTest.Code + "#", ct);
            await Poll.UntilAsync(() => station.Strike.PulseCount == 1, Deadline, "the strike relay", ct);
            await bob.WaitForEventAsync("CALL_CLOSED", Deadline, ct);
            await Poll.UntilAsync(() => station.Runtime.Log.QueryCalls(new CallLogQuery()).Total == 1, Deadline, "the call record", ct);
            CallRecord record = station.Runtime.Log.QueryCalls(new CallLogQuery()).Items[0];
            Assert.Equal("bob", record.AnsweredBy);
            Assert.True(record.DoorOpened);
        }
        finally
        {
            if (primaryRunning)
            {
                await primary.DisposeAsync();
            }
        }
    }
}
