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
        await Poll.UntilAsync(() => leg!.Session.GetStatistics() is { PacketsReceived: > 25, PacketsSent: > 25 }, Deadline, "RTP both ways", ct);
        Assert.Equal(Intercom.Media.Codecs.AudioCodec.Pcma, leg!.Session.GetStatistics().Codec);

        await SendCodeAsync(bob, StationUnderTest.Code + "#", ct);

        await Poll.UntilAsync(() => station.Strike.PulseCount == 1, Deadline, $"the strike relay (digits {station.Runtime.Station.Status.LastDigitsMasked}, media {leg.Session.GetStatistics().DtmfDigits})", ct);
        JsonElement closed = await bob.WaitForEventAsync("CALL_CLOSED", Deadline, ct);
        await Poll.UntilAsync(() => station.Runtime.Log.QueryCalls(new CallLogQuery()).Total == 1, Deadline, "the call record", ct);
        CallRecord record = station.Runtime.Log.QueryCalls(new CallLogQuery()).Items[0];
        Assert.True(record.DoorOpened);
        Assert.Equal(CallEndReason.DoorOpened, record.EndReason);
        Assert.Equal("bob", record.AnsweredBy);
        Assert.Equal("PCMA", record.Codec);
        Assert.Equal("door", record.Button);
        Assert.NotEqual(JsonValueKind.Undefined, closed.ValueKind);
        var accepted = station.Runtime.Log.QueryEvents(new EventLogQuery { Kind = StationEventKind.DoorCodeAccepted });
        Assert.Equal("strike", Assert.Single(accepted.Items).Subject);
    }
}
