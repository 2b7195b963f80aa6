using Intercom.Media.Codecs;
using Intercom.Media.Sdp;
using Intercom.Sip.UserAgent;
using Intercom.Station.Calls;

namespace Intercom.Station.Tests.Calls;

/// <summary>The call glue with our own SIP stack and media on both sides, over loopback.</summary>
public sealed class MediaCallTests
{
    private static readonly TimeSpan Deadline = CallPair.Deadline;

    [Fact]
    public async Task Dial_AnsweredWithDefaults_OpusOverGcmAndEachSideHearsTheOthersTone()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using CallPair pair = await CallPair.StartAsync(CallPair.Options(), CallPair.Options(), ct);
        using var doorEngine = new EngineStandIn(microphoneToneHz: 700);
        using var phoneEngine = new EngineStandIn(microphoneToneHz: 1100);

        (MediaCall door, MediaCall phone) = await pair.ConnectAsync(ct);
        Assert.True(door.ConnectAudio(doorEngine.Pump));
        Assert.True(phone.ConnectAudio(phoneEngine.Pump));
        await EngineStandIn.RunAsync([doorEngine, phoneEngine], TimeSpan.FromSeconds(1), ct);

        MediaCallStatus status = door.GetStatus();
        Assert.Equal(MediaCallState.Connected, status.State);
        Assert.Equal("opus/48000", status.Codec);
        Assert.Equal("AEAD_AES_128_GCM", status.SrtpSuite);
        Assert.True(status.IsEncrypted);
        Assert.Equal(MediaDirection.SendReceive, status.MediaDirection);
        Assert.NotNull(status.SetupTime);
        Assert.True(status.PacketsReceived > 20, $"door received {status.PacketsReceived} packets");
        Assert.Equal("AEAD_AES_128_GCM", phone.GetStatus().SrtpSuite);
        AssertHears(doorEngine.Heard, 1100, 700, "door");
        AssertHears(phoneEngine.Heard, 700, 1100, "phone");
        Assert.Same(door, doorEngine.Pump.Call);

        await door.HangUpAsync();
        MediaCallEnd doorEnd = await door.Ended.WaitAsync(Deadline, ct);
        MediaCallEnd phoneEnd = await phone.Ended.WaitAsync(Deadline, ct);
        Assert.Equal(MediaCallEndReason.LocalHangUp, doorEnd.Reason);
        Assert.Equal(MediaCallEndReason.RemoteHangUp, phoneEnd.Reason);
        Assert.Null(doorEngine.Pump.Call);
        Assert.Equal(MediaCallState.Ended, door.GetStatus().State);
        Assert.True(door.GetStatus().PacketsReceived > 20, "the final statistics survive the end of the call");
    }

    [Theory]
    [InlineData(SrtpPolicy.Mandatory, SrtpPolicy.Off, "SRTP is off for this account")]
    [InlineData(SrtpPolicy.Off, SrtpPolicy.Mandatory, "SRTP is mandatory for this account")]
    public async Task Dial_SrtpMandatoryAgainstPlainPeer_Refused488WithTheReasonOnBothSides(SrtpPolicy door, SrtpPolicy phone, string reason)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using CallPair pair = await CallPair.StartAsync(CallPair.Options(o => o.Srtp = door), CallPair.Options(o => o.Srtp = phone), ct);

        (MediaCall doorCall, MediaCall phoneCall) = await pair.CallAsync(ct);

        MediaCallEnd phoneEnd = await phoneCall.Ended.WaitAsync(Deadline, ct);
        MediaCallEnd doorEnd = await doorCall.Ended.WaitAsync(Deadline, ct);
        Assert.Equal(MediaCallEndReason.MediaNotAcceptable, phoneEnd.Reason);
        Assert.Equal(488, phoneEnd.StatusCode);
        Assert.Contains(reason, phoneEnd.Detail, StringComparison.Ordinal);
        Assert.Equal(MediaCallEndReason.MediaNotAcceptable, doorEnd.Reason);
        Assert.Equal(488, doorEnd.StatusCode);
        Assert.Contains(reason, doorEnd.Detail, StringComparison.Ordinal);
        Assert.False(await doorCall.Answered);
        Assert.Null(doorCall.GetStatus().Codec);
    }

    [Fact]
    public async Task Hold_PhonePutsDoorOnHoldAndResumes_DirectionsFollowWithoutNewSession()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using CallPair pair = await CallPair.StartAsync(CallPair.Options(), CallPair.Options(), ct);
        (MediaCall door, MediaCall phone) = await pair.ConnectAsync(ct);
        int port = door.LocalRtpPort;
        ulong version = VersionOf(door.Sip.LocalBody!);

        Assert.True(await phone.HoldAsync().WaitAsync(Deadline, ct));
        await Eventually(() => door.GetStatus().MediaDirection == MediaDirection.ReceiveOnly, ct);
        Assert.Equal(MediaDirection.SendOnly, phone.GetStatus().MediaDirection);
        Assert.Equal(version + 1, VersionOf(door.Sip.LocalBody!));

        Assert.True(await phone.ResumeAsync().WaitAsync(Deadline, ct));
        await Eventually(() => door.GetStatus().MediaDirection == MediaDirection.SendReceive, ct);
        Assert.Equal(port, door.LocalRtpPort);
        Assert.Equal(MediaCallState.Connected, door.State);
    }

    [Fact]
    public async Task DialAndAnswer_AdvertisedAddress_InTheSdpWhileRtpBindsTheLocalAddress()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using CallPair pair = await CallPair.StartAsync(CallPair.Options(o => o.AdvertisedAddress = "127.0.0.9"), CallPair.Options(o => o.AdvertisedAddress = "127.0.0.10"), ct);
        (MediaCall door, MediaCall phone) = await pair.ConnectAsync(ct);

        // Each side's SDP (offer and answer) names its advertised address; the sockets stay on 127.0.0.1.
        Assert.Equal(new System.Net.IPEndPoint(System.Net.IPAddress.Parse("127.0.0.9"), door.LocalRtpPort), phone.Media!.RemoteRtp);
        Assert.Equal(new System.Net.IPEndPoint(System.Net.IPAddress.Parse("127.0.0.10"), phone.LocalRtpPort), door.Media!.RemoteRtp);
        Assert.Equal(System.Net.IPAddress.Loopback, door.LocalAddress);
        Assert.Equal(System.Net.IPAddress.Loopback, phone.LocalAddress);
    }

    [Fact]
    public async Task ReInvite_PeerChangesCodec_NewSessionOnTheSamePort()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using CallPair pair = await CallPair.StartAsync(CallPair.Options(), CallPair.Options(o => o.Srtp = SrtpPolicy.Off), ct);
        (MediaCall door, MediaCall phone) = await pair.ConnectAsync(ct);
        Assert.Equal(AudioCodec.Opus, door.Media!.Codec);
        int port = door.LocalRtpPort;

        string pcmaOffer = $"v=0\r\no=- 7 8 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {phone.LocalRtpPort} RTP/AVP 8 101\r\n" +
            "a=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
        SipResponseInfo response = await phone.Sip.ReInviteAsync(SipBody.FromText("application/sdp", pcmaOffer)).WaitAsync(Deadline, ct);

        Assert.Equal(200, response.StatusCode);
        Assert.Contains("PCMA/8000", response.Body!.Text, StringComparison.Ordinal);
        await Eventually(() => door.Media?.Codec == AudioCodec.Pcma, ct);
        Assert.Equal(port, door.LocalRtpPort);
        Assert.Equal("PCMA/8000", door.GetStatus().Codec);
        Assert.Equal(MediaCallState.Connected, door.State);
    }

    [Fact]
    public async Task ReInvite_OfferWeCannotAccept_Refused488AndTheCallGoesOn()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using CallPair pair = await CallPair.StartAsync(CallPair.Options(o => o.Codecs = [AudioCodec.G722]), CallPair.Options(), ct);
        (MediaCall door, MediaCall phone) = await pair.ConnectAsync(ct);

        string gsmOffer = $"v=0\r\no=- 7 8 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {phone.LocalRtpPort} RTP/AVP 3\r\na=rtpmap:3 GSM/8000\r\n";
        SipResponseInfo response = await phone.Sip.ReInviteAsync(SipBody.FromText("application/sdp", gsmOffer)).WaitAsync(Deadline, ct);

        Assert.Equal(488, response.StatusCode);
        Assert.Contains("no common codec", response.Warning, StringComparison.Ordinal);
        Assert.Equal(AudioCodec.G722, door.Media!.Codec);
        Assert.Equal(MediaCallState.Connected, door.State);
        Assert.True(await door.HoldAsync().WaitAsync(Deadline, ct), "the dialog still works after the refusal");
    }

    [Fact]
    public async Task RtpTimeout_PeerSendsNothing_DoorHangsUpWithTheReason()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using CallPair pair = await CallPair.StartAsync(CallPair.Options(o => o.RtpTimeout = TimeSpan.FromMilliseconds(600)), CallPair.Options(), ct);
        (MediaCall door, MediaCall phone) = await pair.ConnectAsync(ct);

        // Nobody pumps audio on the phone side: no RTP reaches the door.
        MediaCallEnd doorEnd = await door.Ended.WaitAsync(Deadline, ct);
        MediaCallEnd phoneEnd = await phone.Ended.WaitAsync(Deadline, ct);

        Assert.Equal(MediaCallEndReason.RtpTimeout, doorEnd.Reason);
        Assert.Contains("no RTP", doorEnd.Detail, StringComparison.Ordinal);
        Assert.Equal(MediaCallEndReason.RemoteHangUp, phoneEnd.Reason);
    }

    [Fact]
    public async Task Answer_ListenOnly_DoorSendsButDoesNotReceive()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using CallPair pair = await CallPair.StartAsync(CallPair.Options(), CallPair.Options(), ct);
        MediaCall incomingToDoor = await pair.PhoneCalls.DialAsync(pair.Phone, new SipCallRequest { Target = $"sip:door@127.0.0.1:{pair.Door.UdpEndPoint!.Port}" }, ct);
        SipCall invite = await pair.Door.IncomingCalls.ReadAsync(ct).AsTask().WaitAsync(Deadline, ct);

        MediaCall door = await pair.DoorCalls.AnswerAsync(invite, MediaDirection.SendOnly, ct);

        Assert.True(await incomingToDoor.Answered.WaitAsync(Deadline, ct));
        Assert.Equal(MediaDirection.SendOnly, door.GetStatus().MediaDirection);
        Assert.Equal(MediaDirection.ReceiveOnly, incomingToDoor.GetStatus().MediaDirection);
    }

    [Fact]
    public async Task Dial_TwoLegsInParallel_TheAnsweredOneTalksTheOtherIsCancelled()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using CallPair pair = await CallPair.StartAsync(CallPair.Options(), CallPair.Options(), ct);
        MediaCall first = await pair.DoorCalls.DialAsync(pair.Door, new SipCallRequest { Target = pair.PhoneUri }, ct);
        MediaCall second = await pair.DoorCalls.DialAsync(pair.Door, new SipCallRequest { Target = pair.PhoneUri }, ct);
        SipCall ringing1 = await pair.Phone.IncomingCalls.ReadAsync(ct).AsTask().WaitAsync(Deadline, ct);
        SipCall ringing2 = await pair.Phone.IncomingCalls.ReadAsync(ct).AsTask().WaitAsync(Deadline, ct);
        await ringing1.RingAsync();
        await ringing2.RingAsync();
        await Eventually(() => first.State == MediaCallState.Ringing && second.State == MediaCallState.Ringing, ct);
        Assert.NotEqual(first.LocalRtpPort, second.LocalRtpPort);

        SipCall answered = ringing2.CallId == second.Sip.CallId ? ringing2 : ringing1;
        await pair.PhoneCalls.AnswerAsync(answered, cancellationToken: ct);
        Assert.True(await second.Answered.WaitAsync(Deadline, ct));
        await first.HangUpAsync();

        MediaCallEnd cancelled = await first.Ended.WaitAsync(Deadline, ct);
        Assert.Equal(MediaCallEndReason.LocalHangUp, cancelled.Reason);
        Assert.Equal(487, cancelled.StatusCode);
        Assert.False(await first.Answered);
        Assert.Equal(MediaCallState.Connected, second.State);
    }

    private static void AssertHears(short[] heard, double expectedHz, double ownHz, string who)
    {
        // The last half second: past the jitter buffer's start-up.
        Assert.True(heard.Length >= CallPair.SampleRateHz / 2, $"{who} heard only {heard.Length} samples");
        ReadOnlySpan<short> tail = heard.AsSpan(heard.Length - (CallPair.SampleRateHz / 2));
        Assert.True(ToneAnalysis.RmsOf(tail) > 1000, $"{who} heard near silence (RMS {ToneAnalysis.RmsOf(tail):0})");
        double dominance = ToneAnalysis.DominanceDb(tail, expectedHz, CallPair.SampleRateHz, ownHz, 440, 1500);
        Assert.True(dominance > 20, $"{who}: {expectedHz} Hz only {dominance:0.0} dB above the other frequencies");
    }

    private static ulong VersionOf(SipBody sdp) => SdpParser.Parse(sdp.Text).Description!.SessionVersion;

    private static async Task Eventually(Func<bool> condition, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Deadline, "the condition did not hold in time");
            await Task.Delay(10, cancellationToken);
        }
    }
}
