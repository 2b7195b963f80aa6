using System.Net;
using Intercom.Audio.Engine;
using Intercom.Media.Sdp;
using Intercom.Sip.Configuration;
using Intercom.Sip.UserAgent;
using Intercom.Station.Calls;
using Microsoft.Extensions.Logging.Abstractions;

namespace Intercom.Station.Tests.Calls;

/// <summary>Two of our user agents on loopback, each with a call factory: the door station calls the "phone".</summary>
internal sealed class CallPair : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    public const int SampleRateHz = 16000;

    private CallPair(SipUserAgent door, SipUserAgent phone, MediaCallFactory doorCalls, MediaCallFactory phoneCalls)
    {
        Door = door;
        Phone = phone;
        DoorCalls = doorCalls;
        PhoneCalls = phoneCalls;
    }

    public SipUserAgent Door { get; }

    public SipUserAgent Phone { get; }

    public MediaCallFactory DoorCalls { get; }

    public MediaCallFactory PhoneCalls { get; }

    public static async Task<CallPair> StartAsync(CallMediaOptions door, CallMediaOptions phone, CancellationToken cancellationToken)
    {
        SipUserAgent doorAgent = CreateAgent();
        SipUserAgent phoneAgent = CreateAgent();
        phoneAgent.InboundPolicy = static _ => SipInboundDecision.Allow;
        doorAgent.InboundPolicy = static _ => SipInboundDecision.Allow;
        await doorAgent.StartAsync(cancellationToken);
        await phoneAgent.StartAsync(cancellationToken);
        return new CallPair(doorAgent, phoneAgent,
            new MediaCallFactory(door, SampleRateHz, TimeProvider.System, NullLoggerFactory.Instance),
            new MediaCallFactory(phone, SampleRateHz, TimeProvider.System, NullLoggerFactory.Instance));
    }

    public static CallMediaOptions Options(Action<CallMediaOptions>? configure = null)
    {
        var options = new CallMediaOptions { LocalAddress = "127.0.0.1" };
        configure?.Invoke(options);
        return options;
    }

    public string PhoneUri => $"sip:phone@127.0.0.1:{Phone.UdpEndPoint!.Port}";

    /// <summary>The door dials the phone; the phone answers whatever the outcome. Both calls are returned.</summary>
    public async Task<(MediaCall Door, MediaCall Phone)> CallAsync(CancellationToken cancellationToken, MediaDirection phoneDirection = MediaDirection.SendReceive)
    {
        MediaCall door = await DoorCalls.DialAsync(Door, new SipCallRequest { Target = PhoneUri }, cancellationToken);
        SipCall incoming = await Phone.IncomingCalls.ReadAsync(cancellationToken).AsTask().WaitAsync(Deadline, cancellationToken);
        MediaCall phone = await PhoneCalls.AnswerAsync(incoming, phoneDirection, cancellationToken);
        return (door, phone);
    }

    /// <summary>Both calls connected (fails with the end reason otherwise).</summary>
    public async Task<(MediaCall Door, MediaCall Phone)> ConnectAsync(CancellationToken cancellationToken)
    {
        (MediaCall door, MediaCall phone) = await CallAsync(cancellationToken);
        Assert.True(await door.Answered.WaitAsync(Deadline, cancellationToken), $"door call ended: {door.GetStatus().End}");
        Assert.True(await phone.Answered.WaitAsync(Deadline, cancellationToken), $"phone call ended: {phone.GetStatus().End}");
        return (door, phone);
    }

    public async ValueTask DisposeAsync()
    {
        await Door.DisposeAsync();
        await Phone.DisposeAsync();
    }

    /// <summary>Rings and a pump standing in for an audio engine.</summary>
    public static (AudioFrameRing Capture, AudioFrameRing Playback, MediaPump Pump) Engine() =>
        Engine(TimeProvider.System);

    public static (AudioFrameRing Capture, AudioFrameRing Playback, MediaPump Pump) Engine(TimeProvider timeProvider)
    {
        var capture = new AudioFrameRing(SampleRateHz / 100, 16);
        var playback = new AudioFrameRing(SampleRateHz / 100, 16);
        return (capture, playback, new MediaPump(capture, playback, timeProvider, NullLogger<MediaPump>.Instance));
    }

    private static SipUserAgent CreateAgent()
    {
        var options = new SipUserAgentOptions
        {
            Transport = new SipTransportOptions { BindAddress = IPAddress.Loopback, UdpPort = 0, TcpPort = 0, KeepAliveInterval = TimeSpan.Zero },
            ProductName = "IntercomCallTest",
        };
        return new SipUserAgent(options, TimeProvider.System, NullLoggerFactory.Instance);
    }
}
