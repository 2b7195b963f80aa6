using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Intercom.Media.Codecs;
using Intercom.Media.Dtmf;
using Intercom.Media.Sdp;
using Intercom.Media.Session;
using Intercom.Media.Srtp;
using Intercom.Media.Tests.Codecs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Intercom.Media.Tests.Session;

public sealed class MediaSessionTests
{
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2031, 7, 13, 3, 17, 29, TimeSpan.Zero));

    public static TheoryData<AudioCodec, SrtpCryptoSuite, int> Calls()
    {
        var data = new TheoryData<AudioCodec, SrtpCryptoSuite, int>();
        foreach (AudioCodec codec in new[] { AudioCodec.Pcmu, AudioCodec.Pcma, AudioCodec.G722, AudioCodec.Opus })
        {
            foreach (SrtpCryptoSuite suite in new[] { SrtpCryptoSuite.None, SrtpCryptoSuite.AesCm128HmacSha1Tag80, SrtpCryptoSuite.AesCm128HmacSha1Tag32, SrtpCryptoSuite.AeadAes128Gcm })
            {
                data.Add(codec, suite, codec == AudioCodec.Opus && suite == SrtpCryptoSuite.AeadAes128Gcm ? 48000 : 16000);
            }
        }

        return data;
    }

    private static MediaOptions Options(AudioCodec codec, SrtpCryptoSuite suite) => new()
    {
        Codecs = [codec],
        Srtp = suite == SrtpCryptoSuite.None ? SrtpPolicy.Off : SrtpPolicy.Mandatory,
        SrtpSuites = suite == SrtpCryptoSuite.None ? [SrtpCryptoSuite.AesCm128HmacSha1Tag80] : [suite],
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void Call_EachCodecAndSuite_AudioArrivesBothWays(AudioCodec codec, SrtpCryptoSuite suite, int engineRateHz)
    {
        FakeTimeProvider time = Clock();
        using SessionPair pair = SessionPair.Start(Options(codec, suite), Options(codec, suite), time, engineRateHz);
        int frame = engineRateHz / 100;
        short[] fromA = TestSignals.Voice(engineRateHz, engineRateHz, seed: 1);
        short[] fromB = TestSignals.Voice(engineRateHz, engineRateHz, seed: 2);

        (short[] atA, short[] atB) = pair.RunLockstep(time, fromA, fromB, frame);

        Assert.Equal(codec, pair.A.GetStatistics().Codec);
        Assert.Equal(suite, pair.B.GetStatistics().SrtpSuite);
        int maximumLag = engineRateHz / 5;
        (double atB_correlation, int lagB) = TestSignals.BestCorrelation(fromA.AsSpan(0, fromA.Length - maximumLag), atB, maximumLag);
        (double atA_correlation, int lagA) = TestSignals.BestCorrelation(fromB.AsSpan(0, fromB.Length - maximumLag), atA, maximumLag);
        double expected = codec == AudioCodec.Opus ? 0.8 : 0.9;
        Assert.True(atB_correlation > expected, $"A to B correlation {atB_correlation:F3} at lag {lagB}");
        Assert.True(atA_correlation > expected, $"B to A correlation {atA_correlation:F3} at lag {lagA}");
        Assert.Equal(0, pair.B.GetStatistics().AuthenticationFailures);
        Assert.Equal(0, pair.B.GetStatistics().PacketsLost);
    }

    [Fact]
    public void SendDtmf_Rfc4733_OtherSideGetsEachDigitOnce()
    {
        FakeTimeProvider time = Clock();
        using SessionPair pair = SessionPair.Start(Options(AudioCodec.Pcma, SrtpCryptoSuite.AeadAes128Gcm), Options(AudioCodec.Pcma, SrtpCryptoSuite.AeadAes128Gcm), time);
        short[] audio = TestSignals.Voice(16000, 16000 * 2);

        pair.RunLockstep(time, audio, audio, 160, frame =>
        {
            if (frame == 10)
            {
                foreach (char digit in "1#99")
                {
                    Assert.True(pair.A.SendDtmf(digit, TimeSpan.FromMilliseconds(80)));
                }
            }
        });

        SessionPair.WaitUntil(() => pair.DigitsAtB.Count >= 4);
        Assert.Equal("1#99", string.Concat(pair.DigitsAtB.Select(e => e.Digit)));
        Assert.All(pair.DigitsAtB, e => Assert.Equal(DtmfSource.Rfc4733, e.Source));
    }

    [Fact]
    public void ReadFrame_TonesInTheAudio_DetectedInBand()
    {
        FakeTimeProvider time = Clock();
        using SessionPair pair = SessionPair.Start(Options(AudioCodec.Pcmu, SrtpCryptoSuite.None), Options(AudioCodec.Pcmu, SrtpCryptoSuite.None), time);
        var tones = new List<short>();
        foreach ((double row, double column) in new[] { (770.0, 1336.0), (941.0, 1477.0) })
        {
            for (int n = 0; n < 1600; n++)
            {
                tones.Add((short)(6000 * (Math.Sin(2 * Math.PI * row * n / 16000) + Math.Sin(2 * Math.PI * column * n / 16000))));
            }

            tones.AddRange(new short[1600]);
        }

        short[] fromA = [.. new short[1600], .. tones, .. new short[3200]];

        pair.RunLockstep(time, fromA, new short[fromA.Length], 160);

        SessionPair.WaitUntil(() => pair.DigitsAtB.Count >= 2);
        Assert.Equal("5#", string.Concat(pair.DigitsAtB.Select(e => e.Digit)));
        Assert.All(pair.DigitsAtB, e => Assert.Equal(DtmfSource.InBand, e.Source));
    }

    [Fact]
    public void Receive_ForgedAndGarbageDatagrams_DroppedCountedAndAudioContinues()
    {
        FakeTimeProvider time = Clock();
        using SessionPair pair = SessionPair.Start(Options(AudioCodec.G722, SrtpCryptoSuite.AesCm128HmacSha1Tag80), Options(AudioCodec.G722, SrtpCryptoSuite.AesCm128HmacSha1Tag80), time);
        using var attacker = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var target = new IPEndPoint(IPAddress.Loopback, pair.B.LocalRtpPort);
        var random = new Random(9);
        short[] audio = TestSignals.Voice(16000, 16000);

        (_, short[] atB) = pair.RunLockstep(time, audio, new short[audio.Length], 160, frame =>
        {
            var forged = new byte[12 + 160 + 10];
            random.NextBytes(forged);
            forged[0] = 0x80;
            forged[1] = 9;
            attacker.SendTo(forged, target);
            attacker.SendTo(forged.AsSpan(0, frame % 13), SocketFlags.None, target);
        });

        SessionPair.WaitUntil(() => pair.B.GetStatistics().AuthenticationFailures + pair.B.GetStatistics().MalformedPackets >= 150);
        (double correlation, _) = TestSignals.BestCorrelation(audio.AsSpan(0, 12000), atB, 3200);
        Assert.True(correlation > 0.9, $"correlation {correlation:F3}");
        Assert.False(pair.B.GetStatistics().RemoteEndPoint!.Port == ((IPEndPoint)attacker.LocalEndPoint!).Port, "must not latch to a forger");
    }

    [Fact]
    public void Latching_SdpNamesWrongPort_RepliesGoWhereMediaComesFrom()
    {
        FakeTimeProvider time = Clock();
        using var blackHole = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        blackHole.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var settings = new MediaSessionOptions { LocalAddress = IPAddress.Loopback };
        using var a = new MediaSession(settings, time, NullLogger<MediaSession>.Instance);
        using var b = new MediaSession(settings, time, NullLogger<MediaSession>.Instance);
        var toB = new IPEndPoint(IPAddress.Loopback, b.LocalRtpPort);
        var wrong = (IPEndPoint)blackHole.LocalEndPoint!;
        a.Start(new NegotiatedMedia { Codec = AudioCodec.Pcma, PayloadType = 8, RemoteRtp = wrong, RemoteRtcp = wrong, RtcpMux = true });
        b.Start(new NegotiatedMedia { Codec = AudioCodec.Pcma, PayloadType = 8, RemoteRtp = new IPEndPoint(IPAddress.Loopback, a.LocalRtpPort), RemoteRtcp = toB, RtcpMux = true });
        short[] frame = TestSignals.Voice(16000, 160);

        // B sends to A's real port; A must latch and send its audio to B instead of the black hole.
        for (int i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            b.WriteFrame(frame);
        }

        SessionPair.WaitUntil(() => a.GetStatistics().Latched);
        for (int i = 0; i < 10; i++)
        {
            a.WriteFrame(frame);
        }

        SessionPair.WaitUntil(() => b.GetStatistics().PacketsReceived >= 5);
        Assert.Equal(b.LocalRtpPort, a.GetStatistics().RemoteEndPoint!.Port);
    }

    [Fact]
    public void LatchRtcp_SdpNamesWrongRtcpPort_OurRtcpGoesToTheVerifiedSource()
    {
        FakeTimeProvider time = Clock();
        using var blackHole = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        blackHole.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var forger = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        forger.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var settings = new MediaSessionOptions { LocalAddress = IPAddress.Loopback };
        using var a = new MediaSession(settings, time, NullLogger<MediaSession>.Instance);
        using var b = new MediaSession(settings, time, NullLogger<MediaSession>.Instance);
        byte[] keyA = RandomNumberGenerator.GetBytes(30);
        byte[] keyB = RandomNumberGenerator.GetBytes(30);
        var wrong = (IPEndPoint)blackHole.LocalEndPoint!;
        var bRtp = new IPEndPoint(IPAddress.Loopback, b.LocalRtpPort);
        var bRtcp = new IPEndPoint(IPAddress.Loopback, b.LocalRtpPort + 1);
        var aRtcp = new IPEndPoint(IPAddress.Loopback, a.LocalRtpPort + 1);
        a.Start(new NegotiatedMedia
        {
            Codec = AudioCodec.Pcma, PayloadType = 8, RemoteRtp = bRtp, RemoteRtcp = wrong, RtcpMux = false,
            SrtpSuite = SrtpCryptoSuite.AesCm128HmacSha1Tag80, LocalMasterKeyAndSalt = keyA, RemoteMasterKeyAndSalt = keyB,
        });
        b.Start(new NegotiatedMedia
        {
            Codec = AudioCodec.Pcma, PayloadType = 8, RemoteRtp = new IPEndPoint(IPAddress.Loopback, a.LocalRtpPort), RemoteRtcp = aRtcp, RtcpMux = false,
            SrtpSuite = SrtpCryptoSuite.AesCm128HmacSha1Tag80, LocalMasterKeyAndSalt = keyB, RemoteMasterKeyAndSalt = keyA,
        });
        short[] frame = TestSignals.Voice(16000, 160);

        // A forged report (no valid SRTCP tag) from another port must not move A's RTCP.
        var forged = new byte[60];
        new Random(4).NextBytes(forged);
        forged[0] = 0x80;
        forged[1] = 200;
        forger.SendTo(forged, aRtcp);
        SessionPair.WaitUntil(() => a.GetStatistics().AuthenticationFailures + a.GetStatistics().MalformedPackets >= 1);
        Assert.Equal(wrong, a.GetStatistics().RemoteRtcpEndPoint);

        // B's verified RTCP arrives from B's RTCP port: A latches its RTCP there, and B then receives A's reports.
        for (int i = 0; i < 30; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(200));
            b.WriteFrame(frame);
            a.WriteFrame(frame);
        }

        SessionPair.WaitUntil(() => a.GetStatistics().RtcpPacketsReceived >= 1);
        SessionPair.WaitUntil(() => bRtcp.Equals(a.GetStatistics().RemoteRtcpEndPoint));
        time.Advance(TimeSpan.FromSeconds(6));
        SessionPair.WaitUntil(() => b.GetStatistics().RtcpPacketsReceived >= 1);
        Assert.Equal(bRtcp, a.GetStatistics().RemoteRtcpEndPoint);
        Assert.Equal(bRtp, a.GetStatistics().RemoteEndPoint);
    }

    [Fact]
    public void RtpTimeout_PeerSilent_RaisedOnceAfterTimeout()
    {
        FakeTimeProvider time = Clock();
        var settings = new MediaSessionOptions { LocalAddress = IPAddress.Loopback, RtpTimeout = TimeSpan.FromSeconds(20) };
        using var a = new MediaSession(settings, time, NullLogger<MediaSession>.Instance);
        var nowhere = new IPEndPoint(IPAddress.Loopback, 9);
        int raised = 0;
        a.RtpTimedOut += (_, _) => Interlocked.Increment(ref raised);
        a.Start(new NegotiatedMedia { Codec = AudioCodec.Pcmu, PayloadType = 0, RemoteRtp = nowhere, RemoteRtcp = nowhere });

        time.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(0, Volatile.Read(ref raised));
        time.Advance(TimeSpan.FromSeconds(2));
        SessionPair.WaitUntil(() => Volatile.Read(ref raised) == 1);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, Volatile.Read(ref raised));
    }

    [Theory]
    [InlineData(AudioCodec.Opus, SrtpCryptoSuite.AeadAes128Gcm)]
    [InlineData(AudioCodec.G722, SrtpCryptoSuite.AesCm128HmacSha1Tag80)]
    [InlineData(AudioCodec.Pcma, SrtpCryptoSuite.None)]
    public void WriteAndReadFrame_ThousandsOfFrames_AllocateNothingOnTheAudioThread(AudioCodec codec, SrtpCryptoSuite suite)
    {
        FakeTimeProvider time = Clock();
        using SessionPair pair = SessionPair.Start(Options(codec, suite), Options(codec, suite), time);
        short[] audio = TestSignals.Voice(16000, 160 * 100);
        var output = new short[160];
        long allocated = 0;
        for (int frame = 0; frame < 2000; frame++)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            long before = GC.GetAllocatedBytesForCurrentThread();
            pair.A.WriteFrame(audio.AsSpan((frame % 100) * 160, 160));
            pair.B.ReadFrame(output);
            if (frame >= 100)
            {
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }

        // Measured: 0 with DOTNET_TieredCompilation=0; with tiering on, a method's promotion to tier 1 is charged
        // once to this thread (56 bytes, at a random frame). Any per-frame allocation would be at least 1900 bytes.
        Assert.True(allocated <= 64, $"{allocated} bytes allocated over 1900 frames");
        Assert.True(pair.B.GetStatistics().PacketsReceived > 900);
    }
}
