using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Intercom.Media.Codecs;
using Intercom.Media.Codecs.G722;
using Intercom.Media.Codecs.Opus;
using Intercom.Media.Dtmf;
using Intercom.Media.Jitter;
using Intercom.Media.Rtp;
using Intercom.Media.Sdp;
using Intercom.Media.Srtp;
using Microsoft.Extensions.Logging;

namespace Intercom.Media.Session;

/// <summary>
/// The media of one call. Created before the offer/answer (it owns the UDP port the SDP names), started with the
/// negotiated result, then driven by the audio engine:
/// <code>
///   capture 10 ms ─► WriteFrame ─► resample ─► encoder ─► RTP/SRTP ─► UDP ─► peer
///   playback 10 ms ◄─ ReadFrame ◄─ resample ◄─ jitter buffer (PLC/FEC) ◄─ ring ◄─ network thread ◄─ UDP
/// </code>
/// The network thread receives, authenticates and decrypts, latches to the sender (symmetric RTP), decodes
/// RFC 4733 events, sends RTCP and watches the RTP timeout; it raises the events. <see cref="WriteFrame"/> and
/// <see cref="ReadFrame"/> run on the real-time audio thread: no locks, no logging, no allocation.
/// </summary>
public sealed partial class MediaSession : IDisposable
{
    private const int MaximumDatagram = 1500;

    private readonly MediaSessionOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly Socket rtpSocket;
    private readonly Socket rtcpSocket;
    private readonly byte[] canonicalName = RtcpPackets.NewCanonicalName();
    private readonly uint localSsrc;
    private readonly CancellationTokenSource stopping = new();
    private NegotiatedMedia? media;
    private Thread? networkThread;
    private bool disposed;

    /// <summary>Binds the RTP (and RTCP, port + 1) sockets; <see cref="LocalRtpPort"/> goes into the SDP.</summary>
    public MediaSession(MediaSessionOptions options, TimeProvider timeProvider, ILogger<MediaSession> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        string? invalid = options.Validate();
        if (invalid is not null)
        {
            throw new ArgumentException(invalid, nameof(options));
        }

        this.options = options;
        this.timeProvider = timeProvider;
        this.logger = logger;
        (rtpSocket, rtcpSocket) = BindPair(options);
        LocalRtpPort = ((IPEndPoint)rtpSocket.LocalEndPoint!).Port;
        localSsrc = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
    }

    /// <summary>A DTMF digit arrived (raised on the network thread).</summary>
    public event EventHandler<DtmfDigitEventArgs>? DtmfReceived;

    /// <summary>No RTP arrived for <see cref="MediaSessionOptions.RtpTimeout"/> (raised once, network thread).</summary>
    public event EventHandler? RtpTimedOut;

    /// <summary>The local RTP port (RTCP is this + 1 unless rtcp-mux).</summary>
    public int LocalRtpPort { get; }

    /// <summary>The negotiated media once started.</summary>
    public NegotiatedMedia? Media => media;

    /// <summary>Starts media with the offer/answer result. Buffers, codecs and SRTP contexts are made here, once.</summary>
    public void Start(NegotiatedMedia negotiated)
    {
        ArgumentNullException.ThrowIfNull(negotiated);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (media is not null)
        {
            throw new InvalidOperationException("A media session starts once; create a new one for a new codec or key.");
        }

        media = negotiated;
        direction = negotiated.Direction;
        CreateCodecs(negotiated);
        CreateSrtp(negotiated);
        remoteRtpAddress = negotiated.RemoteRtp.Serialize();
        remoteRtcpAddress = (negotiated.RtcpMux ? negotiated.RemoteRtp : negotiated.RemoteRtcp).Serialize();
        receiveStatistics = new RtpReceiverStatistics(AudioCodecInfo.RtpClockRateHz(negotiated.Codec), timeProvider.TimestampFrequency);
        lastReceivedTimestamp = timeProvider.GetTimestamp();
        networkThread = new Thread(NetworkLoop) { IsBackground = true, Name = $"media-{LocalRtpPort}" };
        networkThread.Start();
        if (logger.IsEnabled(LogLevel.Information))
        {
#pragma warning disable CA1873 // guarded by IsEnabled; runs once per call
            MediaSessionLog.Started(logger, negotiated.Summary, AudioCodecInfo.EncodingName(negotiated.Codec), encoder!.SampleRateHz,
            decoder!.SampleRateHz, options.EngineSampleRateHz, LocalRtpPort, negotiated.Codec == AudioCodec.Opus ? OpusLibrary.Description : "not used");
#pragma warning restore CA1873
        }
    }

    /// <summary>Changes the direction after a re-INVITE (hold and resume).</summary>
    public void UpdateDirection(MediaDirection newDirection)
    {
        direction = newDirection;
        lastReceivedTimestamp = timeProvider.GetTimestamp();
    }

    /// <summary>Queues a DTMF digit to send as RFC 4733 events.</summary>
    public bool SendDtmf(char digit, TimeSpan duration) => telephoneEventSender?.Enqueue(digit, duration) ?? false;

    /// <summary>A snapshot of the counters.</summary>
    public MediaSessionStatistics GetStatistics() => new()
    {
        Codec = media?.Codec ?? AudioCodec.Pcmu,
        SrtpSuite = media?.SrtpSuite ?? SrtpCryptoSuite.None,
        RemoteEndPoint = remoteRtpAddress is SocketAddress remote ? ToEndPoint(remote) : null,
        RemoteRtcpEndPoint = media is { RtcpMux: true } ? (remoteRtpAddress is SocketAddress muxed ? ToEndPoint(muxed) : null)
            : remoteRtcpAddress is SocketAddress rtcp ? ToEndPoint(rtcp) : null,
        Latched = latched,
        PacketsSent = Interlocked.Read(ref packetsSent),
        PacketsReceived = receiveStatistics?.Received ?? 0,
        PacketsLost = Math.Max(0, receiveStatistics?.Lost ?? 0),
        Jitter = receiveStatistics?.Jitter ?? TimeSpan.Zero,
        AuthenticationFailures = (inboundSrtp?.AuthenticationFailures ?? 0),
        ReplayedPackets = inboundSrtp?.ReplayedPackets ?? 0,
        MalformedPackets = Interlocked.Read(ref malformedPackets) + (inboundSrtp?.MalformedPackets ?? 0),
        UnexpectedPayloadTypes = Interlocked.Read(ref unexpectedPayloadTypes),
        RtcpPacketsReceived = Interlocked.Read(ref rtcpPacketsReceived),
        DtmfDigits = Interlocked.Read(ref dtmfDigits),
        RemoteFractionLost = remoteFractionLost / 256.0,
        RoundTripTime = roundTripTime,
        JitterBuffer = jitterBuffer?.Statistics ?? default,
    };

    /// <summary>
    /// Stops the network thread, closes the sockets and gives the buffers back. The audio thread must have stopped
    /// calling <see cref="WriteFrame"/> and <see cref="ReadFrame"/> for this session before (the codecs are freed and
    /// the jitter buffer's storage may go to the next call at once).
    /// </summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        stopping.Cancel();
        bool networkStopped = networkThread?.Join(TimeSpan.FromSeconds(2)) ?? true;
        rtpSocket.Dispose();
        rtcpSocket.Dispose();
        if (media is not null)
        {
#pragma warning disable CA1873 // once per call, at hang-up
            MediaSessionLog.Stopped(logger, GetStatistics());
#pragma warning restore CA1873
        }

        // The network thread writes into the ring: a thread that did not stop in time keeps the ring (the collector
        // takes it later) rather than write into storage the next call rents.
        jitterBuffer?.Dispose();
        if (networkStopped)
        {
            receivedRing?.Dispose();
        }

        encoder?.Dispose();
        decoder?.Dispose();
        outboundRtpSrtp?.Dispose();
        outboundRtcpSrtp?.Dispose();
        inboundSrtp?.Dispose();
        stopping.Dispose();
    }

    private static IPEndPoint ToEndPoint(SocketAddress address) =>
        (IPEndPoint)new IPEndPoint(address.Family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0).Create(address);

    private static (Socket Rtp, Socket Rtcp) BindPair(MediaSessionOptions options)
    {
        // RFC 3550 §11: RTP on an even port, RTCP on the next odd one.
        for (int attempt = 0; attempt < 50; attempt++)
        {
            int port = 0;
            if (options.RtpPortMinimum != 0)
            {
                port = options.RtpPortMinimum + (2 * RandomNumberGenerator.GetInt32((options.RtpPortMaximum - options.RtpPortMinimum + 1) / 2));
                port &= ~1;
            }

            var rtp = new Socket(options.LocalAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            var rtcp = new Socket(options.LocalAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                rtp.Bind(new IPEndPoint(options.LocalAddress, port));
                int bound = ((IPEndPoint)rtp.LocalEndPoint!).Port;
                if (bound % 2 != 0 || bound == 65535)
                {
                    throw new SocketException((int)SocketError.AddressAlreadyInUse);
                }

                rtcp.Bind(new IPEndPoint(options.LocalAddress, bound + 1));
                rtp.ReceiveBufferSize = 256 * 1024;
                return (rtp, rtcp);
            }
            catch (SocketException)
            {
                rtp.Dispose();
                rtcp.Dispose();
            }
        }

        throw new InvalidOperationException("No free RTP/RTCP port pair could be bound.");
    }

    private void CreateCodecs(NegotiatedMedia negotiated)
    {
        int engineRate = options.EngineSampleRateHz;
        (encoder, decoder) = negotiated.Codec switch
        {
            AudioCodec.Pcmu or AudioCodec.Pcma => ((IAudioEncoder)new G711Encoder(negotiated.Codec), (IAudioDecoder)new G711Decoder(negotiated.Codec)),
            AudioCodec.G722 => (new G722Encoder(), new G722Decoder()),
            _ => (new OpusEncoder(engineRate, options.OpusBitrateBitsPerSecond, negotiated.OpusInbandFec, 10), new OpusDecoder(engineRate)),
        };

        rtpClockRateHz = AudioCodecInfo.RtpClockRateHz(negotiated.Codec);
        captureResampler = new Resampler(engineRate, encoder.SampleRateHz, engineRate / 100);
        playbackResampler = new Resampler(decoder.SampleRateHz, engineRate, decoder.SampleRateHz / 100);
        samplesPerPacket = (int)(encoder.SampleRateHz * negotiated.Ptime.TotalSeconds);
        timestampPerPacket = (uint)(rtpClockRateHz * negotiated.Ptime.TotalSeconds);
        packetPcm = new short[samplesPerPacket];
        decodedFrame = new short[decoder.SampleRateHz / 100];
        resampledCapture = new short[encoder.SampleRateHz / 100];
        jitterBuffer = new JitterBuffer(decoder, rtpClockRateHz, timeProvider.TimestampFrequency, options.JitterMinimumDelay, options.JitterMaximumDelay);
        receivedRing = new ReceivedPacketRing(128, MaximumDatagram);
        inBandDetector = options.InBandDtmfDetection ? new InBandDtmfDetector(decoder.SampleRateHz) : null;
        if (negotiated.TelephoneEventPayloadType >= 0)
        {
            telephoneEventSender = new TelephoneEventSender(negotiated.TelephoneEventClockRateHz, negotiated.Ptime);
        }

        sequenceNumber = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue);
        timestamp = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
    }

    private void CreateSrtp(NegotiatedMedia negotiated)
    {
        if (negotiated.SrtpSuite == SrtpCryptoSuite.None)
        {
            return;
        }

        int keyLength = SrtpSuiteParameters.MasterKeyLength(negotiated.SrtpSuite);
        ReadOnlySpan<byte> local = negotiated.LocalMasterKeyAndSalt;
        ReadOnlySpan<byte> remote = negotiated.RemoteMasterKeyAndSalt;
        outboundRtpSrtp = new SrtpContext(negotiated.SrtpSuite, local[..keyLength], local[keyLength..]);
        outboundRtcpSrtp = new SrtpContext(negotiated.SrtpSuite, local[..keyLength], local[keyLength..]);
        inboundSrtp = new SrtpContext(negotiated.SrtpSuite, remote[..keyLength], remote[keyLength..]);
    }
}
