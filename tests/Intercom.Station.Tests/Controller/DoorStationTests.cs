using Intercom.Audio.Dsp;
using Intercom.Hardware.Configuration;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;
using Intercom.Station.Journal;

namespace Intercom.Station.Tests.Controller;

public sealed class DoorStationTests
{
    [Fact]
    public void Press_ParallelPlan_RingsAllAndCancelsTheOthersWhenOneAnswers()
    {
        using var h = new StationHarness(StationHarness.Plan(CallPlanMode.Parallel, "alice", "bob"));

        h.Station.Press("door");

        Assert.Equal(["alice", "bob"], h.Dialer.Legs.Select(leg => leg.Peer));
        Assert.Equal(AudioTone.Ringback, h.Feedback.Playing);
        Assert.Equal(StationIndication.Calling, h.Feedback.Indication);
        Assert.Equal(StationState.Ringing, h.Station.Status.State);

        h.Dialer.Leg("bob").RemoteAnswers();

        Assert.True(h.Dialer.Leg("alice").HungUp);
        Assert.False(h.Dialer.Leg("bob").HungUp);
        Assert.True(h.Dialer.Leg("bob").AudioConnected);
        Assert.Null(h.Feedback.Playing);
        Assert.Equal(StationIndication.Talking, h.Feedback.Indication);
        Assert.Equal(["bob"], h.Station.Status.Peers);
        Assert.Equal("G722", h.Station.Status.Media!.Codec);
    }

    [Fact]
    public void Answer_SecondParallelAnswer_IsHungUp()
    {
        using var h = new StationHarness(StationHarness.Plan(CallPlanMode.Parallel, "alice", "bob"));
        h.Station.Press("door");
        h.Dialer.Leg("alice").RemoteAnswers();

        h.Dialer.Leg("bob").RemoteAnswers();

        Assert.True(h.Dialer.Leg("bob").HungUp);
        Assert.Equal(["alice"], h.Station.Status.Peers);
    }

    [Fact]
    public void Press_SequentialPlan_NextTargetAfterRingTimeAndAfterBusy()
    {
        using var h = new StationHarness(StationHarness.Plan(CallPlanMode.Sequential, "alice", "bob", "carol"));

        h.Station.Press("door");
        Assert.Equal(["alice"], h.Dialer.Legs.Select(leg => leg.Peer));

        h.Time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.Single(h.Dialer.Legs);
        h.Time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(h.Dialer.Leg("alice").HungUp);
        Assert.Equal(["alice", "bob"], h.Dialer.Legs.Select(leg => leg.Peer));

        h.Dialer.Leg("bob").Ends(CallLegEndReason.Busy, 486);
        Assert.Equal(["alice", "bob", "carol"], h.Dialer.Legs.Select(leg => leg.Peer));

        h.Dialer.Leg("carol").RemoteAnswers();
        Assert.Equal(StationState.Talking, h.Station.Status.State);
    }

    [Fact]
    public void RingTimeout_NobodyAnswers_FallbackThenNobodyAnsweredToneAndRecord()
    {
        var options = StationHarness.Plan(CallPlanMode.Parallel, "alice");
        options.Buttons[0].RingTimeout = TimeSpan.FromSeconds(30);
        options.Buttons[0].Fallback = new CallTargetOptions { Target = "concierge", RingTime = TimeSpan.FromSeconds(15) };
        using var h = new StationHarness(options);

        h.Station.Press("door");
        h.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.True(h.Dialer.Leg("alice").HungUp);
        Assert.Equal("concierge", h.Dialer.Legs[^1].Peer);
        Assert.Equal(AudioTone.Ringback, h.Feedback.Playing);

        h.Time.Advance(TimeSpan.FromSeconds(15));

        Assert.True(h.Dialer.Leg("concierge").HungUp);
        Assert.Equal(AudioTone.NobodyAnswered, h.Feedback.Playing);
        Assert.Equal(StationState.Idle, h.Station.Status.State);
        var record = Assert.Single(h.Journal.Calls);
        Assert.Equal(CallEndReason.NoAnswer, record.EndReason);
        Assert.Equal("door", record.Button);
        Assert.Null(record.AnsweredBy);
        Assert.Equal(TimeSpan.FromSeconds(45), record.Duration);
        Assert.Equal(h.Time.GetUtcNow() - TimeSpan.FromSeconds(45), record.StartedAt);
    }

    [Fact]
    public void AllTargetsBusy_WithoutFallback_BusyAndNobodyAnsweredTone()
    {
        using var h = new StationHarness(StationHarness.Plan(CallPlanMode.Parallel, "alice", "bob"));
        h.Station.Press("door");

        h.Dialer.Leg("alice").Ends(CallLegEndReason.Busy, 486);
        Assert.Equal(StationState.Ringing, h.Station.Status.State);
        h.Dialer.Leg("bob").Ends(CallLegEndReason.Failed, 404);

        Assert.Equal(AudioTone.NobodyAnswered, h.Feedback.Playing);
        Assert.Equal(CallEndReason.Busy, Assert.Single(h.Journal.Calls).EndReason);
    }

    [Fact]
    public void MaximumCallTime_WarningToneThenHangUp()
    {
        using var h = new StationHarness(StationHarness.Plan(CallPlanMode.Parallel, "alice"));
        h.Station.Press("door");
        h.Time.Advance(TimeSpan.FromSeconds(2));
        h.Dialer.Leg("alice").RemoteAnswers();

        h.Time.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromSeconds(15));
        Assert.Equal(AudioTone.Warning, h.Feedback.Playing);
        Assert.False(h.Dialer.Leg("alice").HungUp);

        h.Time.Advance(TimeSpan.FromSeconds(15));

        Assert.True(h.Dialer.Leg("alice").HungUp);
        var record = Assert.Single(h.Journal.Calls);
        Assert.Equal(CallEndReason.MaximumCallTime, record.EndReason);
        Assert.Equal(TimeSpan.FromMinutes(3), record.TalkTime);
        Assert.Equal("alice", record.AnsweredBy);
        Assert.True(record.Srtp);
    }

    [Theory]
    [InlineData(SecondPressAction.HangUp, 1, CallEndReason.SecondPress)]
    [InlineData(SecondPressAction.Restart, 2, CallEndReason.Restarted)]
    [InlineData(SecondPressAction.Ignore, 1, null)]
    public void SecondPress_DuringRinging_FollowsTheConfiguredAction(SecondPressAction action, int dialled, CallEndReason? recorded)
    {
        var options = StationHarness.Plan(CallPlanMode.Parallel, "alice");
        options.SecondPress = action;
        using var h = new StationHarness(options);
        h.Station.Press("door");

        h.Station.Press("door");

        Assert.Equal(dialled, h.Dialer.Legs.Count);
        Assert.Equal(action != SecondPressAction.Ignore, h.Dialer.Legs[0].HungUp);
        Assert.Equal(recorded, h.Journal.Calls.SingleOrDefault()?.EndReason);
        Assert.Equal(action == SecondPressAction.HangUp ? StationState.Idle : StationState.Ringing, h.Station.Status.State);
    }

    [Fact]
    public void DoorCode_WithHash_PulsesRelayChimesAndHangsUpAfterTheDelay()
    {
        using var h = new StationHarness(StationHarness.Plan(CallPlanMode.Parallel, "alice"));
        h.Station.Press("door");
        var alice = h.Dialer.Leg("alice");
        alice.RemoteAnswers();

        alice.Sends("1234#");

        Assert.Equal(["strike"], h.Outputs.Pulses);
        Assert.Equal(AudioTone.DoorOpened, h.Feedback.Playing);
        Assert.Equal(StationIndication.DoorOpen, h.Feedback.Indication);
        Assert.Equal("*****", h.Station.Status.LastDigitsMasked[..4] + "*");
        Assert.EndsWith("#", h.Station.Status.LastDigitsMasked, StringComparison.Ordinal);
        Assert.False(alice.HungUp);

        h.Time.Advance(TimeSpan.FromSeconds(3));

        Assert.True(alice.HungUp);
        var record = Assert.Single(h.Journal.Calls);
        Assert.True(record.DoorOpened);
        Assert.Equal(CallEndReason.DoorOpened, record.EndReason);
        var accepted = Assert.Single(h.Journal.Events, e => e.Kind == StationEventKind.DoorCodeAccepted);
        Assert.Equal("strike", accepted.Subject);
        Assert.DoesNotContain(h.Journal.Events, e => e.Detail.Contains("1234", StringComparison.Ordinal));
    }

    [Fact]
    public void DoorCode_InterDigitTimeout_EndsTheEntry()
    {
        using var h = new StationHarness(StationHarness.Plan(CallPlanMode.Parallel, "alice"));
        h.Station.Press("door");
        var alice = h.Dialer.Leg("alice");
        alice.RemoteAnswers();

        alice.Sends("*9");
        Assert.Empty(h.Outputs.Pulses);
        h.Time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(["gate"], h.Outputs.Pulses);
    }

    [Fact]
    public void DoorCode_BeforeAnswer_IsIgnored()
    {
        using var h = new StationHarness(StationHarness.Plan(CallPlanMode.Parallel, "alice"));
        h.Station.Press("door");

        h.Dialer.Leg("alice").Sends("1234#");

        Assert.Empty(h.Outputs.Pulses);
    }

    [Fact]
    public void WrongCodes_HangUpAfterThreePerCallAndLockOutAcrossCalls()
    {
        using var h = new StationHarness(StationHarness.Plan(CallPlanMode.Parallel, "alice"));
        h.Station.Press("door");
        var first = h.Dialer.Legs[^1];
        first.RemoteAnswers();

        first.Sends("1111#2222#");
        Assert.False(first.HungUp);
        first.Sends("3333#");
        Assert.True(first.HungUp);
        Assert.Equal(CallEndReason.WrongCodes, h.Journal.Calls[^1].EndReason);

        h.Station.Press("door");
        var second = h.Dialer.Legs[^1];
        second.RemoteAnswers();
        second.Sends("4444#5555#");
        Assert.Equal(TimeSpan.FromMinutes(5), h.Station.Status.CodeLockoutRemaining);

        second.Sends("1234#");

        Assert.Empty(h.Outputs.Pulses);
        Assert.Contains(h.Journal.Events, e => e.Kind == StationEventKind.DoorCodeLockout);
        Assert.Contains(h.Journal.Events, e => e.Kind == StationEventKind.DoorCodeRefused);
        Assert.Equal(5, h.Journal.Events.Count(e => e.Kind == StationEventKind.DoorCodeRejected));

        h.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(CallEndReason.MaximumCallTime, h.Journal.Calls[^1].EndReason);
        h.Station.Press("door");
        var third = h.Dialer.Legs[^1];
        third.RemoteAnswers();
        third.Sends("1234#");
        Assert.Equal(["strike"], h.Outputs.Pulses);
    }

    [Fact]
    public void Tamper_LocksCodesOutButNotTheExitButton_AndSurvivesARestart()
    {
        var options = StationHarness.Plan(CallPlanMode.Parallel, "alice");
        var directory = new TemporaryDirectory();
        var first = new StationHarness(options, directory);
        first.Station.OnInputChanged("tamper", InputKind.Tamper, active: true);
        Assert.True(first.Feedback.Fault);
        first.Time.Advance(TimeSpan.FromMinutes(4));
        first.Station.Dispose();
        first.Tamper.Dispose();

        // The restart: a new clock (the Pi's wall clock may jump), the remaining six minutes come from the state file.
        var second = new StationHarness(options, directory);
        using var _ = second;
        Assert.InRange(second.Station.Status.TamperLockoutRemaining, TimeSpan.FromMinutes(5.99), TimeSpan.FromMinutes(6));
        Assert.True(second.Feedback.Fault);
        second.Station.Press("door");
        var alice = second.Dialer.Leg("alice");
        alice.RemoteAnswers();
        alice.Sends("1234#");
        Assert.Empty(second.Outputs.Pulses);

        second.Station.OnInputChanged("exit", InputKind.ExitButton, active: true);
        Assert.Equal(["strike"], second.Outputs.Pulses);

        second.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.False(second.Feedback.Fault);
        second.Station.Press("door");
        alice = second.Dialer.Legs[^1];
        alice.RemoteAnswers();
        alice.Sends("1234#");
        Assert.Equal(["strike", "strike"], second.Outputs.Pulses);
        Assert.False(File.Exists(second.Tamper.Path));
    }

    [Fact]
    public void DoorContact_OpenTooLong_WarnsAndRaisesFaultUntilClosed()
    {
        using var h = new StationHarness(StationHarness.Plan(CallPlanMode.Parallel, "alice"));

        h.Station.OnInputChanged("contact", InputKind.DoorContact, active: true);
        h.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(h.Station.Status.DoorOpenTooLong);
        h.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(h.Station.Status.DoorOpenTooLong);
        Assert.True(h.Feedback.Fault);
        Assert.Equal(AudioTone.Warning, h.Feedback.Playing);

        h.Station.OnInputChanged("contact", InputKind.DoorContact, active: false);

        Assert.False(h.Feedback.Fault);
        Assert.Contains(h.Journal.Events, e => e.Kind == StationEventKind.DoorClosed);
    }

    [Fact]
    public void Inbound_WhenIdle_AnsweredAndCodesCountOnlyWhenAllowed()
    {
        using var h = new StationHarness(StationHarness.Plan(CallPlanMode.Parallel, "alice"));
        var listener = new FakeLeg("sip:610@pbx", h.Station);

        h.Station.OfferInboundCall(listener, "610", InboundCallMode.ListenOnly, mayOpenDoor: false);
        Assert.Equal(InboundCallMode.ListenOnly, listener.AnsweredAs);
        h.Station.As<ICallLegEvents>().OnAnswered(listener);
        listener.Sends("1234#");

        Assert.Empty(h.Outputs.Pulses);
        Assert.Equal(StationState.Talking, h.Station.Status.State);

        var second = new FakeLeg("sip:611@pbx", h.Station);
        h.Station.OfferInboundCall(second, "611", InboundCallMode.Talk, mayOpenDoor: true);
        Assert.Equal(486, second.RejectedWith);

        listener.Ends(CallLegEndReason.RemoteHangUp);
        var allowed = new FakeLeg("sip:611@pbx", h.Station);
        h.Station.OfferInboundCall(allowed, "611", InboundCallMode.Talk, mayOpenDoor: true);
        h.Station.As<ICallLegEvents>().OnAnswered(allowed);
        allowed.Sends("1234#");

        Assert.Equal(["strike"], h.Outputs.Pulses);
        Assert.Contains(h.Journal.Calls, c => c.EndReason == CallEndReason.BusyHere);
    }

    [Fact]
    public void RegistrationFault_ShowsOnTheStatusLed()
    {
        using var h = new StationHarness(StationHarness.Plan(CallPlanMode.Parallel, "alice"));
        Assert.False(h.Feedback.Fault);

        h.Station.SetRegistrationFault(true);
        Assert.True(h.Feedback.Fault);
        Assert.True(h.Station.Status.RegistrationFault);

        h.Station.SetRegistrationFault(false);
        Assert.False(h.Feedback.Fault);
    }
}

internal static class StationTestExtensions
{
    public static T As<T>(this DoorStation station) where T : class => (station as T)!;
}
