using Intercom.Audio.Dsp;
using Intercom.Hardware.Configuration;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;
using Intercom.Station.Journal;

namespace Intercom.Station.Tests.Controller;

/// <summary>What the visitor hears and sees through a call, second presses while talking, failures and the exit button.</summary>
public sealed class DoorStationFeedbackTests
{
    [Fact]
    public void CallLed_FollowsTheCall_IdleCallingTalkingDoorOpenTalkingIdle()
    {
        var options = StationHarness.Plan(CallPlanMode.Parallel, "alice");
        options.HangUpAfterDoorOpened = TimeSpan.FromSeconds(10);
        using var h = new StationHarness(options);
        Assert.Equal(StationIndication.Idle, h.Feedback.Indication);
        Assert.False(h.Feedback.Fault);

        h.Station.Press("door");
        Assert.Equal(StationIndication.Calling, h.Feedback.Indication);
        Assert.Equal(AudioTone.Ringback, h.Feedback.Playing);
        var alice = h.Dialer.Leg("alice");
        alice.RemoteAnswers();
        Assert.Equal(StationIndication.Talking, h.Feedback.Indication);
        Assert.Null(h.Feedback.Playing);

        alice.Sends("1234#");
        Assert.Equal(StationIndication.DoorOpen, h.Feedback.Indication);
        Assert.Equal(AudioTone.DoorOpened, h.Feedback.Playing);
        h.Time.Advance(DoorStation.DoorOpenIndicationTime);
        Assert.Equal(StationIndication.Talking, h.Feedback.Indication);

        h.Time.Advance(TimeSpan.FromSeconds(10) - DoorStation.DoorOpenIndicationTime);
        Assert.True(alice.HungUp);
        Assert.Equal(StationIndication.Idle, h.Feedback.Indication);
        Assert.Equal(StationState.Idle, h.Station.Status.State);
    }

    [Theory]
    [InlineData(SecondPressAction.HangUp, 1, CallEndReason.SecondPress, StationState.Idle)]
    [InlineData(SecondPressAction.Restart, 2, CallEndReason.Restarted, StationState.Ringing)]
    [InlineData(SecondPressAction.Ignore, 1, null, StationState.Talking)]
    public void SecondPress_WhileTalking_FollowsTheConfiguredAction(SecondPressAction action, int dialled, CallEndReason? recorded, StationState after)
    {
        var options = StationHarness.Plan(CallPlanMode.Parallel, "alice");
        options.SecondPress = action;
        using var h = new StationHarness(options);
        h.Station.Press("door");
        h.Dialer.Leg("alice").RemoteAnswers();

        h.Station.Press("door");

        Assert.Equal(dialled, h.Dialer.Legs.Count);
        Assert.Equal(action != SecondPressAction.Ignore, h.Dialer.Legs[0].HungUp);
        Assert.Equal(recorded, h.Journal.Calls.SingleOrDefault()?.EndReason);
        Assert.Equal(after, h.Station.Status.State);
        Assert.Equal(action == SecondPressAction.Restart ? AudioTone.Ringback : null, h.Feedback.Playing);
        Assert.Equal(2, h.Journal.Events.Count(e => e.Kind == StationEventKind.ButtonPressed));
    }

    [Fact]
    public void AllTargetsFail_FailedAndNobodyAnsweredTone()
    {
        using var h = new StationHarness(StationHarness.Plan(CallPlanMode.Parallel, "alice", "bob"));
        h.Station.Press("door");

        h.Dialer.Leg("alice").Ends(CallLegEndReason.Failed, 503);
        Assert.Equal(AudioTone.Ringback, h.Feedback.Playing);
        h.Dialer.Leg("bob").Ends(CallLegEndReason.MediaFailed, 488);

        Assert.Equal(AudioTone.NobodyAnswered, h.Feedback.Playing);
        var record = Assert.Single(h.Journal.Calls);
        Assert.Equal(CallEndReason.Failed, record.EndReason);
        Assert.Null(record.AnsweredBy);
        Assert.Equal("alice, bob", record.Targets);
        Assert.Equal(StationIndication.Idle, h.Feedback.Indication);
    }

    [Fact]
    public void Press_ButtonWithoutPlan_NobodyAnsweredToneAndNoCall()
    {
        using var h = new StationHarness(StationHarness.Plan(CallPlanMode.Parallel, "alice"));

        h.Station.Press("door2");

        Assert.Empty(h.Dialer.Legs);
        Assert.Equal(AudioTone.NobodyAnswered, h.Feedback.Playing);
        Assert.Equal("door2", Assert.Single(h.Journal.Events, e => e.Kind == StationEventKind.ButtonPressed).Subject);
        Assert.Equal(StationState.Idle, h.Station.Status.State);
    }

    [Fact]
    public void HangUpAfterDoorOpened_Zero_KeepsTheCallUntilTheResidentHangsUp()
    {
        var options = StationHarness.Plan(CallPlanMode.Parallel, "alice");
        options.HangUpAfterDoorOpened = TimeSpan.Zero;
        using var h = new StationHarness(options);
        h.Station.Press("door");
        var alice = h.Dialer.Leg("alice");
        alice.RemoteAnswers();

        alice.Sends("1234#");
        h.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.False(alice.HungUp);
        Assert.Equal(["strike"], h.Outputs.Pulses);
        alice.Ends(CallLegEndReason.RemoteHangUp);
        var record = Assert.Single(h.Journal.Calls);
        Assert.True(record.DoorOpened);
        Assert.Equal(CallEndReason.RemoteHangUp, record.EndReason);
        Assert.Equal(TimeSpan.FromMinutes(1), record.TalkTime);
    }

    [Fact]
    public void Inbound_WhileAVisitorCallRuns_Refused486AndLogged()
    {
        using var h = new StationHarness(StationHarness.Plan(CallPlanMode.Parallel, "alice"));
        h.Station.Press("door");
        var inbound = new FakeLeg("610", h.Station);

        h.Station.OfferInboundCall(inbound, "610", InboundCallMode.Talk, mayOpenDoor: true);

        Assert.Equal(486, inbound.RejectedWith);
        Assert.Null(inbound.AnsweredAs);
        var record = Assert.Single(h.Journal.Calls);
        Assert.Equal(CallEndReason.BusyHere, record.EndReason);
        Assert.Equal(CallDirection.Inbound, record.Direction);
        Assert.Equal(StationState.Ringing, h.Station.Status.State);
    }

    [Fact]
    public void ExitButton_Idle_PulsesTheExitRelayShowsDoorOpenAndLogs()
    {
        using var h = new StationHarness(StationHarness.Plan(CallPlanMode.Parallel, "alice"));

        h.Station.OnInputChanged("exit", InputKind.ExitButton, active: true);
        h.Station.OnInputChanged("exit", InputKind.ExitButton, active: false);

        Assert.Equal(["strike"], h.Outputs.Pulses);
        Assert.Equal(StationIndication.DoorOpen, h.Feedback.Indication);
        Assert.Equal("strike", Assert.Single(h.Journal.Events, e => e.Kind == StationEventKind.ExitButton).Subject);
        Assert.Empty(h.Dialer.Legs);
        h.Time.Advance(DoorStation.DoorOpenIndicationTime);
        Assert.Equal(StationIndication.Idle, h.Feedback.Indication);
    }

    [Fact]
    public void ExitButton_NoExitRelayConfigured_NothingPulsedEventSaysWhy()
    {
        var options = StationHarness.Plan(CallPlanMode.Parallel, "alice");
        options.ExitButtonRelay = null;
        using var h = new StationHarness(options);

        h.Station.OnInputChanged("exit", InputKind.ExitButton, active: true);

        Assert.Empty(h.Outputs.Pulses);
        Assert.Contains("no exit relay", Assert.Single(h.Journal.Events, e => e.Kind == StationEventKind.ExitButton).Detail, StringComparison.Ordinal);
        Assert.Equal(StationIndication.Idle, h.Feedback.Indication);
    }
}
