using System.Text.Json;
using Intercom.Interop.Tests.Peers;
using Intercom.Interop.Tests.Sip;
using Intercom.Sip.Configuration;
using Intercom.Sip.UserAgent;
using Intercom.Station.Adapters;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;
using Intercom.Station.Journal;

namespace Intercom.Interop.Tests.Station;

/// <summary>
/// The door station end to end against real peers: kamailio as the registrar with digest authentication, baresip as
/// the residents' phones (auto-answer, DTMF door code by RFC 4733).
/// </summary>
public sealed class DoorStationCallTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static SipAccountOptions DoorAccount(KamailioPeer kamailio) => new()
    {
        Name = "pbx", User = "door", Password = KamailioFixture.Users["door"], Registrar = $"127.0.0.1:{kamailio.Port}", Transport = SipTransportPreference.Udp,
    };

    private static Task<BaresipPeer> ResidentAsync(KamailioPeer kamailio, string user, bool autoAnswer, CancellationToken ct) =>
        BaresipPeer.StartAsync($"<sip:{user}@127.0.0.1:{kamailio.Port}>;auth_pass={KamailioFixture.Users[user]};regint=120;{(autoAnswer ? "answermode=auto;" : "")}audio_codecs=PCMU,PCMA", 30, ct);

    /// <summary>
    /// One key press per command, as a resident types: baresip's sndcode sends a string's digits back to back with
    /// no end packets between them, which no phone does.
    /// </summary>
    internal static async Task SendCodeAsync(BaresipPeer phone, string digits, CancellationToken ct)
    {
        foreach (char digit in digits)
        {
            await phone.CommandAsync("sndcode", digit.ToString(), ct);
            await Task.Delay(TimeSpan.FromMilliseconds(150), ct);
        }
    }

    [Fact]
    public async Task ButtonPress_ResidentAnswersAndSendsCode_AudioBothWaysRelayPulsesCallEnds()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using KamailioPeer kamailio = await KamailioPeer.StartAsync(KamailioFixture.Users, cancellationToken: ct);
        await using BaresipPeer bob = await ResidentAsync(kamailio, "bob", autoAnswer: true, ct);
        await bob.WaitForRegistrationAsync(Deadline, ct);
        var kamailioAccount = DoorAccount(kamailio);
        await using var station = await StationUnderTest.StartAsync(
            StationUnderTest.Options(StationUnderTest.Plan(CallPlanMode.Parallel, new CallTargetOptions { Target = "bob" }), kamailioAccount), cancellationToken: ct);
        await Poll.UntilAsync(() => station.Runtime.Agent.Accounts[0].IsRegistered, Deadline, "the door station's registration", ct);
        SipCallLeg? leg = null;
        station.Runtime.Dialer.LegCreated += (_, created) => leg = created;

        station.Press();

        await bob.WaitForEventAsync("CALL_ESTABLISHED", Deadline, ct);
        await Poll.UntilAsync(() => station.Runtime.Station.Status.State == StationState.Talking, Deadline, "talking", ct);
        await Poll.UntilAsync(() => leg?.Call?.GetStatus() is { PacketsReceived: > 25, PacketsSent: > 25 }, Deadline, "RTP both ways", ct);
        Assert.Equal(Intercom.Media.Codecs.AudioCodec.Pcma, leg!.Call!.GetStatus().Media!.Codec);

        await SendCodeAsync(bob, StationUnderTest.Code + "#", ct);

        await Poll.UntilAsync(() => station.Strike.PulseCount == 1, Deadline, $"the strike relay (digits {station.Runtime.Station.Status.LastDigitsMasked}, media {leg.Call?.GetStatus().DigitsReceived})", ct);
        JsonElement closed = await bob.WaitForEventAsync("CALL_CLOSED", Deadline, ct);
        await Poll.UntilAsync(() => station.Runtime.Log.QueryCalls(new CallLogQuery()).Total == 1, Deadline, "the call record", ct);
        CallRecord record = station.Runtime.Log.QueryCalls(new CallLogQuery()).Items[0];
        Assert.True(record.DoorOpened);
        Assert.Equal(CallEndReason.DoorOpened, record.EndReason);
        Assert.Equal("bob", record.AnsweredBy);
        Assert.Equal("PCMA/8000", record.Codec);
        Assert.Equal("door", record.Button);
        Assert.NotEqual(JsonValueKind.Undefined, closed.ValueKind);
        var accepted = station.Runtime.Log.QueryEvents(new EventLogQuery { Kind = StationEventKind.DoorCodeAccepted });
        Assert.Equal("strike", Assert.Single(accepted.Items).Subject);
    }

    [Fact]
    public async Task ParallelPlan_TwoResidentsBobAnswers_CarolStopsRinging()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using KamailioPeer kamailio = await KamailioPeer.StartAsync(KamailioFixture.Users, cancellationToken: ct);
        await using BaresipPeer carol = await ResidentAsync(kamailio, "carol", autoAnswer: false, ct);
        await using BaresipPeer bob = await ResidentAsync(kamailio, "bob", autoAnswer: false, ct);
        await Task.WhenAll(carol.WaitForRegistrationAsync(Deadline, ct), bob.WaitForRegistrationAsync(Deadline, ct));
        await using var station = await StationUnderTest.StartAsync(
            StationUnderTest.Options(StationUnderTest.Plan(CallPlanMode.Parallel, new CallTargetOptions { Target = "carol" }, new CallTargetOptions { Target = "bob" }), DoorAccount(kamailio)),
            cancellationToken: ct);
        await Poll.UntilAsync(() => station.Runtime.Agent.Accounts[0].IsRegistered, Deadline, "the door station's registration", ct);

        station.Press();

        await Task.WhenAll(carol.WaitForEventAsync("CALL_INCOMING", Deadline, ct), bob.WaitForEventAsync("CALL_INCOMING", Deadline, ct));
        await bob.CommandAsync("accept", cancellationToken: ct);
        await bob.WaitForEventAsync("CALL_ESTABLISHED", Deadline, ct);
        await carol.WaitForEventAsync("CALL_CLOSED", Deadline, ct);

        await Poll.UntilAsync(() => station.Runtime.Station.Status.State == StationState.Talking, Deadline, "talking", ct);
        Assert.Equal(["bob"], station.Runtime.Station.Status.Peers);
        await bob.CommandAsync("hangup", cancellationToken: ct);
        await Poll.UntilAsync(() => station.Runtime.Log.QueryCalls(new CallLogQuery()).Total == 1, Deadline, "the call record", ct);
        CallRecord record = station.Runtime.Log.QueryCalls(new CallLogQuery()).Items[0];
        Assert.Equal("bob", record.AnsweredBy);
        Assert.Equal(CallEndReason.RemoteHangUp, record.EndReason);
    }

    [Fact]
    public async Task SequentialPlan_FirstDoesNotAnswer_SecondRungAfterItsRingTime()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using KamailioPeer kamailio = await KamailioPeer.StartAsync(KamailioFixture.Users, cancellationToken: ct);
        await using BaresipPeer carol = await ResidentAsync(kamailio, "carol", autoAnswer: false, ct);
        await using BaresipPeer bob = await ResidentAsync(kamailio, "bob", autoAnswer: true, ct);
        await Task.WhenAll(carol.WaitForRegistrationAsync(Deadline, ct), bob.WaitForRegistrationAsync(Deadline, ct));
        var plan = StationUnderTest.Plan(CallPlanMode.Sequential,
            new CallTargetOptions { Target = "carol", RingTime = TimeSpan.FromSeconds(3) }, new CallTargetOptions { Target = "bob" });
        await using var station = await StationUnderTest.StartAsync(StationUnderTest.Options(plan, DoorAccount(kamailio)), cancellationToken: ct);
        await Poll.UntilAsync(() => station.Runtime.Agent.Accounts[0].IsRegistered, Deadline, "the door station's registration", ct);

        station.Press();
        await carol.WaitForEventAsync("CALL_INCOMING", Deadline, ct);
        var ringing = System.Diagnostics.Stopwatch.StartNew();

        await carol.WaitForEventAsync("CALL_CLOSED", Deadline, ct);
        await bob.WaitForEventAsync("CALL_ESTABLISHED", Deadline, ct);

        Assert.InRange(ringing.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(10));
        await Poll.UntilAsync(() => station.Runtime.Station.Status.State == StationState.Talking, Deadline, "talking", ct);
        Assert.Equal(["bob"], station.Runtime.Station.Status.Peers);
    }

    [Fact]
    public async Task WrongCodes_UntilLockout_TheRightCodeIsRefusedAndNoDigitsAreStored()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using KamailioPeer kamailio = await KamailioPeer.StartAsync(KamailioFixture.Users, cancellationToken: ct);
        await using BaresipPeer bob = await ResidentAsync(kamailio, "bob", autoAnswer: true, ct);
        await bob.WaitForRegistrationAsync(Deadline, ct);
        var plan = StationUnderTest.Plan(CallPlanMode.Parallel, new CallTargetOptions { Target = "bob" });
        plan.MaximumWrongCodes = 2;
        await using var station = await StationUnderTest.StartAsync(StationUnderTest.Options(plan, DoorAccount(kamailio)), cancellationToken: ct);
        await Poll.UntilAsync(() => station.Runtime.Agent.Accounts[0].IsRegistered, Deadline, "the door station's registration", ct);
        station.Press();
        await bob.WaitForEventAsync("CALL_ESTABLISHED", Deadline, ct);
        await Poll.UntilAsync(() => station.Runtime.Station.Status.State == StationState.Talking, Deadline, "talking", ct);

        await SendCodeAsync(bob, "9999#", ct);
        await SendCodeAsync(bob, "5555#", ct);
        await Poll.UntilAsync(() => station.Runtime.Station.Status.CodeLockoutRemaining > TimeSpan.Zero, Deadline, "the code lockout", ct);
        await SendCodeAsync(bob, StationUnderTest.Code + "#", ct);
        await Poll.UntilAsync(() => station.Runtime.Log.QueryEvents(new EventLogQuery { Kind = StationEventKind.DoorCodeRefused }).Total == 1, Deadline, "the refused code", ct);

        Assert.Equal(0, station.Strike.PulseCount);
        Assert.Equal(2, station.Runtime.Log.QueryEvents(new EventLogQuery { Kind = StationEventKind.DoorCodeRejected }).Total);
        Assert.Equal(1, station.Runtime.Log.QueryEvents(new EventLogQuery { Kind = StationEventKind.DoorCodeLockout }).Total);
        var everything = station.Runtime.Log.QueryEvents(new EventLogQuery { Limit = 500 }).Items;
        Assert.DoesNotContain(everything, e => e.Detail.Contains("9999", StringComparison.Ordinal) || e.Detail.Contains("1234", StringComparison.Ordinal));
        Assert.Matches("^[*#]+$", station.Runtime.Station.Status.LastDigitsMasked);
    }

    [Fact]
    public async Task InboundCalls_AllowedCallerAnsweredAndOpens_OtherCallerGets403()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using KamailioPeer kamailio = await KamailioPeer.StartAsync(KamailioFixture.Users, cancellationToken: ct);
        var plan = StationUnderTest.Plan(CallPlanMode.Parallel, new CallTargetOptions { Target = "bob" });
        plan.Inbound = new InboundPolicyOptions
        {
            OnlyFromRegistrar = true,
            Callers = [new InboundCallerOptions { Caller = "Carol", Account = "pbx", Mode = InboundCallMode.Talk, MayOpenDoor = true }],
        };
        await using var station = await StationUnderTest.StartAsync(StationUnderTest.Options(plan, DoorAccount(kamailio)), cancellationToken: ct);
        await Poll.UntilAsync(() => station.Runtime.Agent.Accounts[0].IsRegistered, Deadline, "the door station's registration", ct);
        await using BaresipPeer carol = await ResidentAsync(kamailio, "carol", autoAnswer: false, ct);
        await using BaresipPeer bob = await ResidentAsync(kamailio, "bob", autoAnswer: false, ct);
        await Task.WhenAll(carol.WaitForRegistrationAsync(Deadline, ct), bob.WaitForRegistrationAsync(Deadline, ct));

        await bob.CommandAsync("dial", $"sip:door@127.0.0.1:{kamailio.Port}", ct);
        JsonElement refused = await bob.WaitForEventAsync("CALL_CLOSED", Deadline, ct);
        Assert.Contains("403", refused.GetProperty("param").GetString() ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(StationState.Idle, station.Runtime.Station.Status.State);
        Assert.Equal("bob", Assert.Single(station.Runtime.Log.QueryEvents(new EventLogQuery { Kind = StationEventKind.InboundRefused }).Items).Subject);

        await carol.CommandAsync("dial", $"sip:door@127.0.0.1:{kamailio.Port}", ct);
        await carol.WaitForEventAsync("CALL_ESTABLISHED", Deadline, ct);
        await Poll.UntilAsync(() => station.Runtime.Station.Status.State == StationState.Talking, Deadline, "talking", ct);
        await SendCodeAsync(carol, StationUnderTest.Code + "#", ct);

        await Poll.UntilAsync(() => station.Strike.PulseCount == 1, Deadline, "the strike relay", ct);
        await carol.WaitForEventAsync("CALL_CLOSED", Deadline, ct);
        Assert.Equal(0, station.Runtime.Log.QueryCalls(new CallLogQuery { Direction = CallDirection.Visitor }).Total);
        await Poll.UntilAsync(() => station.Runtime.Log.QueryCalls(new CallLogQuery { Direction = CallDirection.Inbound, DoorOpened = true }).Total == 1, Deadline, "the inbound call record", ct);
    }
}
