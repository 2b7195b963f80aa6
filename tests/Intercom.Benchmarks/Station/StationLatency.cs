using System.Buffers.Binary;
using System.Diagnostics;
using System.Device.Gpio;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Intercom.Audio;
using Intercom.Audio.Engine;
using Intercom.Hardware;
using Intercom.Hardware.Configuration;
using Intercom.Hardware.Gpio;
using Intercom.Media.Codecs;
using Intercom.Sip.Configuration;
using Intercom.Sip.UserAgent;
using Intercom.Station.Adapters;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;
using Intercom.Station.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Intercom.Benchmarks.Station;

/// <summary>
/// Door station latencies with the real adapters (our SIP stack, media sessions, the audio engine on a simulated sound
/// card with the echo canceller, the door hardware on the simulated GPIO chip), median and p99 over many runs:
/// <list type="bullet">
/// <item>button press (the debounced input event entering the controller; the debouncer adds its configured 30 ms
/// and minimum press time by design) to INVITE on the wire, against its anchor: the bare SIP user agent's CallAsync
/// to INVITE on the wire; and the whole path from the simulated GPIO line's edge, debouncer included, reported with
/// what it takes above the configured minimum press duration;</item>
/// <item>door code completed (the RFC 4733 packet of <c>#</c> sent) to the relay line energised, against its anchor: the
/// same packet to the media session's DTMF event.</item>
/// </list>
/// Run: <c>dotnet run -c Release --project tests/Intercom.Benchmarks -- station-latency [runs]</c>.
/// </summary>
internal static partial class StationLatency
{
    private const int TelephoneEventPayloadType = 101;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 300;
        using var target = new RawSipTarget();
        using var rtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        rtp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await using var callee = new SipUserAgent(LoopbackAgent(), TimeProvider.System, NullLoggerFactory.Instance);
        callee.InboundPolicy = static _ => SipInboundDecision.Allow;
        await callee.StartAsync();
        IPEndPoint? stationRtp = null;
        var answering = Task.Run(async () =>
        {
            var call = await callee.IncomingCalls.ReadAsync();
            var offer = call.RemoteBody!.Text;
            stationRtp = new IPEndPoint(IPAddress.Parse(ConnectionAddress().Match(offer).Groups[1].Value), int.Parse(AudioPort().Match(offer).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            await call.AnswerAsync(SipBody.FromText("application/sdp", AnswerSdp(((IPEndPoint)rtp.LocalEndPoint!).Port)));
        });

        using var directory = new Intercom.Interop.Tests.Peers.TempDirectory("station-bench-");
        var options = Options(target.Port, callee.UdpEndPoint!.Port);
        var errors = ConfigurationSections.Validate(options);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("\n", errors));
        }

        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        using var hardware = DoorHardware.Create(options.Hardware, controller, driver, TimeProvider.System, NullLoggerFactory.Instance);
        using var engine = new AudioEngine(options.Audio, AudioDeviceFactory.Create(options.Audio, out _), Intercom.Audio.Processing.CaptureProcessorFactory.Create(options.Audio), TimeProvider.System, NullLogger<AudioEngine>.Instance);
        engine.Start();
        await using var runtime = await DoorStationRuntime.StartAsync(options, directory.Path, hardware, () => engine, TimeProvider.System, NullLoggerFactory.Instance);
        await using var anchorAgent = new SipUserAgent(LoopbackAgent(), TimeProvider.System, NullLoggerFactory.Instance);
        await anchorAgent.StartAsync();
        var station = runtime.Station;
        var anchorOffer = SipBody.FromText("application/sdp", AnswerSdp(40000));

        var pressToInvite = new LatencySample("button press (controller) to INVITE on the wire");
        var callToInvite = new LatencySample("anchor: SipUserAgent.CallAsync to INVITE on the wire");
        for (var i = 0; i < runs + 20; i++)
        {
            var start = Stopwatch.GetTimestamp();
            station.Press("door");
            var invite = await target.InviteTimestamps.ReadAsync().AsTask().WaitAsync(Deadline);
            await UntilAsync(() => station.Status.State == StationState.Idle, "the busy call to end");
            start = i >= 20 ? Record(pressToInvite, start, invite) : 0;

            start = Stopwatch.GetTimestamp();
            var call = await anchorAgent.CallAsync(new SipCallRequest { Target = $"sip:bob@127.0.0.1:{target.Port}", Offer = anchorOffer });
            invite = await target.InviteTimestamps.ReadAsync().AsTask().WaitAsync(Deadline);
            await call.Ended.WaitAsync(Deadline);
            if (i >= 20)
            {
                Record(callToInvite, start, invite);
            }
        }

        // The whole path from the button's line: the simulated GPIO edge through the debouncer (its configured debounce
        // time and minimum press duration hold the press back by design) to the INVITE.
        var door = hardware.FindInput("door")!;
        var debounceDelay = door.MinimumPressDuration;
        var lineToInvite = new LatencySample($"button line edge (GPIO, minimum press {debounceDelay.TotalMilliseconds:0} ms) to INVITE");
        var lineRuns = Math.Min(runs, 100);
        for (var i = 0; i < lineRuns; i++)
        {
            var start = Stopwatch.GetTimestamp();
            hardware.PressVirtually(door, debounceDelay + TimeSpan.FromMilliseconds(50));
            var invite = await target.InviteTimestamps.ReadAsync().AsTask().WaitAsync(Deadline);
            Record(lineToInvite, start, invite);
            await UntilAsync(() => station.Status.State == StationState.Idle && !door.IsActive, "the busy call to end and the button to be released",
                () => $"(state {station.Status.State}, button active {door.IsActive}, raw line {controller.Read(door.Pin.Pin)}, active-low {door.Pin.ActiveLow}, activations {door.ActivationCount}, rejected {door.RejectedCount}, run {i})");
        }

        SipCallLeg? leg = null;
        runtime.Dialer.LegCreated += (_, created) => leg = created;
        station.Press("door2");
        await answering.WaitAsync(Deadline);
        await UntilAsync(() => station.Status.State == StationState.Talking, "the call to the callee");
        // The anchor: a bare media session of its own, fed the same packets from a second socket; the time to its DTMF
        // event is what decoding alone costs (the leg's own event cannot be timed: the relay pulses inside it).
        using var anchorRtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        anchorRtp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var anchorSession = new Intercom.Media.Session.MediaSession(
            new Intercom.Media.Session.MediaSessionOptions { LocalAddress = IPAddress.Loopback, InBandDtmfDetection = false }, TimeProvider.System, NullLogger<Intercom.Media.Session.MediaSession>.Instance);
        var anchorRemote = (IPEndPoint)anchorRtp.LocalEndPoint!;
        anchorSession.Start(new Intercom.Media.Sdp.NegotiatedMedia
        {
            Codec = AudioCodec.Pcma, PayloadType = 8, TelephoneEventPayloadType = TelephoneEventPayloadType, RemoteRtp = anchorRemote, RemoteRtcp = new IPEndPoint(IPAddress.Loopback, anchorRemote.Port + 1),
        });
        long hashTimestamp = 0;
        anchorSession.DtmfReceived += (_, e) =>
        {
            if (e.Digit == '#')
            {
                Volatile.Write(ref hashTimestamp, Stopwatch.GetTimestamp());
            }
        };
        var anchorSender = new TelephoneEventSender(anchorRtp, new IPEndPoint(IPAddress.Loopback, anchorSession.LocalRtpPort));
        var strike = hardware.FindRelay("strike")!;
        var codeToRelay = new LatencySample("door code # (RFC 4733 packet sent) to relay energised");
        var codeToDigit = new LatencySample("anchor: the same packet to a bare media session's DTMF event");
        var sender = new TelephoneEventSender(rtp, stationRtp!);
        for (var i = 0; i < runs + 10; i++)
        {
            foreach (var digit in "1234")
            {
                await sender.SendAsync(digit);
            }

            var start = Stopwatch.GetTimestamp();
            sender.SendFirst('#');
            var energised = SpinUntil(() => strike.IsOn);
            await sender.FinishAsync('#');

            Volatile.Write(ref hashTimestamp, 0);
            var anchorStart = Stopwatch.GetTimestamp();
            anchorSender.SendFirst('#');
            var decoded = SpinUntil(() => Volatile.Read(ref hashTimestamp) != 0);
            await anchorSender.FinishAsync('#');
            if (i >= 10)
            {
                Record(codeToRelay, start, energised);
                Record(codeToDigit, anchorStart, decoded);
            }

            await UntilAsync(() => !strike.IsOn, "the relay to drop");
        }

        Console.WriteLine($"door station latencies on {Environment.ProcessorCount} cores, {runs} runs (after warm-up), loopback, Release");
        Console.WriteLine(callToInvite.Line());
        Console.WriteLine(pressToInvite.Line(callToInvite));
        Console.WriteLine(lineToInvite.Line() + string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  above the minimum press (median) {lineToInvite.Percentile(50) - debounceDelay.TotalMilliseconds:F3} ms"));
        Console.WriteLine(codeToDigit.Line());
        Console.WriteLine(codeToRelay.Line(codeToDigit));
        Console.WriteLine($"strike pulses {strike.PulseCount}, station loop failures {station.LoopFailures}");
        return 0;
    }

    private static long Record(LatencySample sample, long start, long end)
    {
        sample.Add(Stopwatch.GetElapsedTime(start, end));
        return 0;
    }

    private static long SpinUntil(Func<bool> condition)
    {
        var start = Stopwatch.GetTimestamp();
        var spinner = default(SpinWait);
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(start) > Deadline)
            {
                throw new TimeoutException("the relay was not energised");
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return Stopwatch.GetTimestamp();
    }

    private static async Task UntilAsync(Func<bool> condition, string what, Func<string>? detail = null)
    {
        var start = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(start) > Deadline)
            {
                throw new TimeoutException($"timed out waiting for {what} {detail?.Invoke()}");
            }

            await Task.Delay(1);
        }
    }

    private static SipUserAgentOptions LoopbackAgent() => new()
    {
        Transport = new SipTransportOptions { BindAddress = IPAddress.Loopback, UdpPort = 0, TcpPort = 0, KeepAliveInterval = TimeSpan.Zero },
        ProductName = "StationBenchmark",
    };

    private static string AnswerSdp(int port) =>
        $"v=0\r\no=bench 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {port} RTP/AVP 8 {TelephoneEventPayloadType}\r\n" +
        $"a=rtpmap:8 PCMA/8000\r\na=rtpmap:{TelephoneEventPayloadType} telephone-event/8000\r\na=fmtp:{TelephoneEventPayloadType} 0-16\r\na=sendrecv\r\n";

    private static IntercomOptions Options(int busyTargetPort, int calleePort) => new()
    {
        Hardware = new HardwareOptions
        {
            Gpio = new GpioOptions { Driver = GpioDriverKind.Simulated },
            Inputs =
            [
                new InputOptions { Name = "door", Kind = InputKind.DoorButton, Channel = "button1" },
                new InputOptions { Name = "door2", Kind = InputKind.DoorButton, Channel = "button2" },
            ],
            Relays = [new RelayOptions { Name = "strike", Channel = "relay1", PulseDuration = TimeSpan.FromMilliseconds(50), MaximumOnTime = TimeSpan.FromSeconds(1) }],
        },
        Sip = new SipOptions { BindAddress = "127.0.0.1", UdpPort = 0, TcpPort = 0 },
        Media = new Intercom.Station.Calls.CallMediaOptions { Codecs = [AudioCodec.G722, AudioCodec.Pcma, AudioCodec.Pcmu], LocalAddress = "127.0.0.1" },
        Audio = new AudioOptions { Backend = AudioBackend.Simulated, SimulatedMicrophoneToneHz = 440, RealtimePriority = 0 },
        Station = new StationOptions
        {
            Buttons =
            [
                new ButtonOptions { Input = "door", Targets = [new CallTargetOptions { Target = $"sip:bob@127.0.0.1:{busyTargetPort}" }] },
                new ButtonOptions { Input = "door2", Targets = [new CallTargetOptions { Target = $"sip:bob@127.0.0.1:{calleePort}" }] },
            ],
            DoorCodes = [new DoorCodeOptions { Relay = "strike", Code = "1234" }],
            HangUpAfterDoorOpened = TimeSpan.Zero,
            MaximumCallTime = TimeSpan.FromHours(1),
            WarningBeforeEnd = TimeSpan.Zero,
        },
    };

    [GeneratedRegex(@"m=audio (\d+)")]
    private static partial Regex AudioPort();

    [GeneratedRegex(@"c=IN IP4 ([0-9.]+)")]
    private static partial Regex ConnectionAddress();

    /// <summary>RFC 4733 §2.3 packets from a raw socket: three growing ones, then three end packets, marker on the first.</summary>
    private sealed class TelephoneEventSender(Socket socket, IPEndPoint destination)
    {
        private readonly byte[] _packet = new byte[16];
        private ushort _sequence = 1;
        private uint _timestamp = 8000;

        public async Task SendAsync(char digit)
        {
            SendFirst(digit);
            await FinishAsync(digit);
        }

        public void SendFirst(char digit)
        {
            _timestamp += 8000;
            Send(digit, marker: true, end: false, duration: 160);
        }

        public async Task FinishAsync(char digit)
        {
            Send(digit, marker: false, end: false, duration: 320);
            Send(digit, marker: false, end: false, duration: 480);
            await Task.Delay(1);
            for (var i = 0; i < 3; i++)
            {
                Send(digit, marker: false, end: true, duration: 640);
            }
        }

        private void Send(char digit, bool marker, bool end, ushort duration)
        {
            _packet[0] = 0x80;
            _packet[1] = (byte)((marker ? 0x80 : 0) | TelephoneEventPayloadType);
            BinaryPrimitives.WriteUInt16BigEndian(_packet.AsSpan(2), _sequence++);
            BinaryPrimitives.WriteUInt32BigEndian(_packet.AsSpan(4), _timestamp);
            BinaryPrimitives.WriteUInt32BigEndian(_packet.AsSpan(8), 0x5eed4733);
            _packet[12] = digit switch { '#' => 11, '*' => 10, _ => (byte)(digit - '0') };
            _packet[13] = (byte)((end ? 0x80 : 0) | 10);
            BinaryPrimitives.WriteUInt16BigEndian(_packet.AsSpan(14), duration);
            socket.SendTo(_packet, destination);
        }
    }
}
