using System.Net;
using Intercom.Audio;
using Intercom.Audio.Engine;
using Intercom.Interop.Tests.Sip;
using Intercom.Sip.Configuration;
using Intercom.Sip.UserAgent;
using Intercom.Station.Calls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Intercom.Interop.Tests.Media;

/// <summary>
/// Our side of a media interop test: the SIP user agent on loopback, the call factory, and a real audio engine
/// whose simulated microphone plays <see cref="Sweep.Downward"/> and whose loudspeaker is recorded, joined to the
/// call by the media pump.
/// </summary>
internal sealed class StationSide : IAsyncDisposable
{
    public const int SampleRateHz = 16000;
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private StationSide(SipUserAgent agent, MediaCallFactory calls, AudioEngine engine, MediaPump pump, RecordingSpeaker speaker)
    {
        Agent = agent;
        Calls = calls;
        Engine = engine;
        Pump = pump;
        Speaker = speaker;
    }

    public SipUserAgent Agent { get; }

    public MediaCallFactory Calls { get; }

    public AudioEngine Engine { get; }

    public MediaPump Pump { get; }

    public RecordingSpeaker Speaker { get; }

    /// <summary>Our SIP URI for a peer that calls us.</summary>
    public string Uri => $"sip:door@127.0.0.1:{Agent.UdpEndPoint!.Port}";

    public static async Task<StationSide> StartAsync(CallMediaOptions media, CancellationToken cancellationToken)
    {
        ILoggerFactory loggers = ConsoleTraceLoggerFactory.Create();
        SipUserAgent agent = SipTestAgents.Create(SipTestAgents.Options());
        agent.InboundPolicy = static _ => SipInboundDecision.Allow;
        await agent.StartAsync(cancellationToken);
        var options = new AudioOptions { Backend = AudioBackend.Simulated, SampleRateHz = SampleRateHz, AutomaticGainControlEnabled = false, SpeakerVolumePercent = 100 };
        var speaker = new RecordingSpeaker(SampleRateHz, 10);
        var device = new SimulatedAudioDevice(new WaveFileMicrophone(Sweep.Downward.Generate(SampleRateHz, Sweep.Period * 20)), speaker);
        var engine = new AudioEngine(options, device, null, TimeProvider.System, NullLogger<AudioEngine>.Instance);
        engine.Start();
        var pump = new MediaPump(engine.CaptureRing, engine.PlaybackRing, TimeProvider.System, NullLogger<MediaPump>.Instance);
        return new StationSide(agent, new MediaCallFactory(media, SampleRateHz, TimeProvider.System, loggers), engine, pump, speaker);
    }

    /// <summary>Media options on loopback with one codec and one SRTP suite (null: plain RTP).</summary>
    public static CallMediaOptions Options(Intercom.Media.Codecs.AudioCodec[] codecs, string? suite, Intercom.Media.Sdp.SrtpPolicy srtp = Intercom.Media.Sdp.SrtpPolicy.Optional) => new()
    {
        Codecs = codecs,
        Srtp = suite is null ? Intercom.Media.Sdp.SrtpPolicy.Off : srtp,
        SrtpSuites = suite is null ? [] : [suite],
        LocalAddress = IPAddress.Loopback.ToString(),
    };

    /// <summary>Answers the next incoming call.</summary>
    public async Task<MediaCall> AnswerNextAsync(CancellationToken cancellationToken)
    {
        SipCall incoming = await Agent.IncomingCalls.ReadAsync(cancellationToken).AsTask().WaitAsync(Deadline, cancellationToken);
        return await Calls.AnswerAsync(incoming, cancellationToken: cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Agent.DisposeAsync();
        Pump.Dispose();
        Engine.Dispose();
    }
}
