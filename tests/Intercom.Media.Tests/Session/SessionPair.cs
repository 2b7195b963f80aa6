using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Intercom.Media.Sdp;
using Intercom.Media.Session;
using Microsoft.Extensions.Logging.Abstractions;

namespace Intercom.Media.Tests.Session;

/// <summary>Two of our media sessions on loopback, negotiated through our own SDP offer/answer.</summary>
internal sealed class SessionPair : IDisposable
{
    private SessionPair(MediaSession a, MediaSession b, NegotiatedMedia mediaA, NegotiatedMedia mediaB)
    {
        A = a;
        B = b;
        MediaA = mediaA;
        MediaB = mediaB;
        A.DtmfReceived += (_, e) => DigitsAtA.Enqueue(e);
        B.DtmfReceived += (_, e) => DigitsAtB.Enqueue(e);
    }

    public MediaSession A { get; }

    public MediaSession B { get; }

    public NegotiatedMedia MediaA { get; }

    public NegotiatedMedia MediaB { get; }

    public ConcurrentQueue<DtmfDigitEventArgs> DigitsAtA { get; } = new();

    public ConcurrentQueue<DtmfDigitEventArgs> DigitsAtB { get; } = new();

    /// <summary>Negotiates and starts both; <paramref name="redirectA"/> may send A's media elsewhere (a relay).</summary>
    public static SessionPair Start(MediaOptions optionsA, MediaOptions optionsB, TimeProvider time, int engineRateHz = 16000,
        Func<IPEndPoint, IPEndPoint>? redirectA = null, MediaSessionOptions? sessionOptions = null)
    {
        MediaSessionOptions settings = sessionOptions ?? new MediaSessionOptions { LocalAddress = IPAddress.Loopback, EngineSampleRateHz = engineRateHz };
        var a = new MediaSession(settings, time, NullLogger<MediaSession>.Instance);
        var b = new MediaSession(settings, time, NullLogger<MediaSession>.Instance);
        var offerer = new SdpNegotiator(optionsA, IPAddress.Loopback, a.LocalRtpPort, 1);
        var answerer = new SdpNegotiator(optionsB, IPAddress.Loopback, b.LocalRtpPort, 2);
        NegotiationResult answered = answerer.ReceiveOffer(offerer.CreateOffer());
        Assert.True(answered.Success, answered.Error);
        NegotiationResult completed = offerer.ReceiveAnswer(answered.AnswerSdp!);
        Assert.True(completed.Success, completed.Error);
        NegotiatedMedia mediaA = completed.Media!;
        if (redirectA is not null)
        {
            IPEndPoint redirected = redirectA(mediaA.RemoteRtp);
            mediaA = mediaA with { RemoteRtp = redirected, RemoteRtcp = redirected };
        }

        a.Start(mediaA);
        b.Start(answered.Media!);
        return new SessionPair(a, b, mediaA, answered.Media!);
    }

    /// <summary>
    /// Runs both sessions in lockstep with a fake clock: each 10 ms step writes one frame on each side, waits (with a
    /// deadline) until each side has received what the other sent, then reads one frame on each side.
    /// </summary>
    public (short[] AtA, short[] AtB) RunLockstep(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, short[] fromA, short[] fromB, int frameSamples, Action<int>? beforeStep = null)
    {
        int frames = Math.Min(fromA.Length, fromB.Length) / frameSamples;
        var atA = new short[frames * frameSamples];
        var atB = new short[frames * frameSamples];
        for (int frame = 0; frame < frames; frame++)
        {
            beforeStep?.Invoke(frame);
            time.Advance(TimeSpan.FromMilliseconds(10));
            A.WriteFrame(fromA.AsSpan(frame * frameSamples, frameSamples));
            B.WriteFrame(fromB.AsSpan(frame * frameSamples, frameSamples));
            WaitUntil(() => B.GetStatistics().PacketsReceived >= A.GetStatistics().PacketsSent
                && A.GetStatistics().PacketsReceived >= B.GetStatistics().PacketsSent);
            A.ReadFrame(atA.AsSpan(frame * frameSamples, frameSamples));
            B.ReadFrame(atB.AsSpan(frame * frameSamples, frameSamples));
        }

        return (atA, atB);
    }

    public static void WaitUntil(Func<bool> condition, int timeoutMilliseconds = 3000)
    {
        var deadline = Stopwatch.StartNew();
        var spinner = new SpinWait();
        while (!condition())
        {
            Assert.True(deadline.ElapsedMilliseconds < timeoutMilliseconds, "condition not met before the deadline");
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }
}
