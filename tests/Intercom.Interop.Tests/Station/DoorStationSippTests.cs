using Intercom.Interop.Tests.Peers;
using Intercom.Station.Configuration;
using Intercom.Station.Journal;

namespace Intercom.Interop.Tests.Station;

/// <summary>
/// sipp as the resident's phone (called directly by IP): the door code arrives as SIP INFO (application/dtmf-relay and
/// application/dtmf) or as RFC 4733 telephone-events without the marker bit, and opens the door either way.
/// </summary>
public sealed class DoorStationSippTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Station", "Scenarios", name);

    private static async Task CallSippAndExpectTheDoorOpenAsync(SippPeer sipp, CancellationToken ct)
    {
        await FreePort.WaitForUdpAsync(sipp.Port, Deadline, sipp.Process, ct);
        await using var station = await StationUnderTest.StartAsync(
            StationUnderTest.Options(StationUnderTest.Plan(CallPlanMode.Parallel, new CallTargetOptions { Target = $"sip:resident@127.0.0.1:{sipp.Port}" })), cancellationToken: ct);

        Intercom.Station.Adapters.SipCallLeg? leg = null;
        station.Runtime.Dialer.LegCreated += (_, created) => leg = created;

        station.Press();

        await Poll.UntilAsync(() => station.Strike.PulseCount == 1 || sipp.Process.HasExited, Deadline, $"the strike relay (digits {station.Runtime.Station.Status.LastDigitsMasked}, media {leg?.Call?.GetStatus()})", ct);
        Assert.True(station.Strike.PulseCount == 1, $"the relay did not pulse; digits {station.Runtime.Station.Status.LastDigitsMasked}; sipp: {sipp.ErrorLog}");
        Assert.Equal(0, await sipp.WaitForExitAsync(Deadline, ct));
        await Poll.UntilAsync(() => station.Runtime.Log.QueryCalls(new CallLogQuery()).Total == 1, Deadline, "the call record", ct);
        Assert.True(station.Runtime.Log.QueryCalls(new CallLogQuery()).Items[0].DoorOpened);
    }

    [Fact]
    public async Task CodeBySipInfo_DtmfRelayAndDtmfBodies_OpensTheDoorAndWeHangUp()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using SippPeer sipp = SippPeer.StartServer(Scenario("uas_code_by_info.xml"), extraArguments: ["-mp", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await CallSippAndExpectTheDoorOpenAsync(sipp, ct);
    }

    [Fact]
    public async Task CodeByRfc4733WithoutMarker_OpensTheDoorAndWeHangUp()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var directory = new TempDirectory("dtmf-pcap-");
        string capture = directory.File("code.pcap");
        TelephoneEventCapture.Write(capture, StationUnderTest.Code + "#", payloadType: 101);
        string scenario = directory.File("uas_code_by_rfc4733.xml");
        File.WriteAllText(scenario, File.ReadAllText(Scenario("uas_code_by_rfc4733.xml")).Replace("PCAP_PATH", capture, StringComparison.Ordinal));
        await using SippPeer sipp = SippPeer.StartServer(scenario, extraArguments: ["-mp", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await CallSippAndExpectTheDoorOpenAsync(sipp, ct);
    }

    [Fact]
    public async Task TamperLockout_SurvivesARestart_CodeRefusedThenSecondPressHangsUp()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var state = new TempDirectory("station-state-");
        await using SippPeer sipp = SippPeer.StartServer(Scenario("uas_code_by_info.xml"), extraArguments: ["-mp", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await FreePort.WaitForUdpAsync(sipp.Port, Deadline, sipp.Process, ct);
        var plan = StationUnderTest.Plan(CallPlanMode.Parallel, new CallTargetOptions { Target = $"sip:resident@127.0.0.1:{sipp.Port}" });
        plan.TamperLockoutDuration = TimeSpan.FromMinutes(10);
        var options = StationUnderTest.Options(plan);

        await using (var before = await StationUnderTest.StartAsync(options, state, ct))
        {
            before.Press("tamper");
            await Poll.UntilAsync(() => before.Runtime.Station.Status.TamperLockoutRemaining > TimeSpan.Zero, Deadline, "the tamper lockout", ct);
        }

        await using var after = await StationUnderTest.StartAsync(options, state, ct);
        Assert.InRange(after.Runtime.Station.Status.TamperLockoutRemaining, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));

        after.Press();
        await Poll.UntilAsync(() => after.Runtime.Log.QueryEvents(new EventLogQuery { Kind = StationEventKind.DoorCodeRefused }).Total == 1, Deadline, "the refused code", ct);
        Assert.Equal(0, after.Strike.PulseCount);
        after.Press();

        Assert.Equal(0, await sipp.WaitForExitAsync(Deadline, ct));
        Assert.Equal(Intercom.Station.Controller.CallEndReason.SecondPress, after.Runtime.Log.QueryCalls(new CallLogQuery()).Items[0].EndReason);
        Assert.Equal(1, after.Runtime.Log.QueryEvents(new EventLogQuery { Kind = StationEventKind.Tamper }).Total);
    }
}
