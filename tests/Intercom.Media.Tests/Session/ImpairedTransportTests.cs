using System.Net;
using Intercom.Media.Codecs;
using Intercom.Media.Jitter;
using Intercom.Media.Sdp;
using Intercom.Media.Session;
using Intercom.Media.Srtp;
using Intercom.Media.Tests.Codecs;
using Intercom.Tools.Impair;

namespace Intercom.Media.Tests.Session;

/// <summary>
/// Our RTP sender and receiver through the impairment relay on loopback, in real time (a 10 ms periodic timer
/// plays the audio thread): 5 % and 20 % loss with Opus FEC, 40 ms jitter with G.711.
/// </summary>
public sealed class ImpairedTransportTests
{
    private const int Rate = 16000;
    private const int Frame = 160;

    private static async Task<(short[] Sent, short[] Received, JitterBufferStatistics Buffer, RelayCounters Relay)> RunThroughRelay(
        AudioCodec codec, ImpairmentProfile profile, TimeSpan duration)
    {
        var options = new MediaOptions { Codecs = [codec], Srtp = SrtpPolicy.Mandatory, SrtpSuites = [SrtpCryptoSuite.AesCm128HmacSha1Tag80] };
        ImpairmentRelay? relay = null;
        using SessionPair pair = SessionPair.Start(options, options, TimeProvider.System, Rate, remote =>
        {
            relay = new ImpairmentRelay(IPAddress.Loopback, remote, profile, new ImpairmentProfile(), seed: 42);
            return relay.FrontEndPoint;
        });
        using (relay)
        {
            int frames = (int)(duration.TotalMilliseconds / 10);
            short[] sent = TestSignals.Voice(Rate, frames * Frame);
            var received = new short[frames * Frame];
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
            for (int frame = 0; frame < frames; frame++)
            {
                await timer.WaitForNextTickAsync(TestContext.Current.CancellationToken);
                pair.A.WriteFrame(sent.AsSpan(frame * Frame, Frame));
                pair.B.ReadFrame(received.AsSpan(frame * Frame, Frame));
            }

            return (sent, received, pair.B.GetStatistics().JitterBuffer, relay!.Forward);
        }
    }

    [Theory]
    [InlineData(0.05, 0.75)]
    [InlineData(0.20, 0.5)]
    public async Task OpusWithFec_RandomLoss_LossIsRecoveredOrConcealedAndSpeechSurvives(double loss, double minimumEnvelopeCorrelation)
    {
        (short[] sent, short[] received, JitterBufferStatistics buffer, RelayCounters relay) =
            await RunThroughRelay(AudioCodec.Opus, new ImpairmentProfile { Loss = loss, Jitter = TimeSpan.FromMilliseconds(10) }, TimeSpan.FromSeconds(3));

        Assert.InRange(relay.Dropped, (long)(relay.Received * loss * 0.4), (long)(relay.Received * loss * 1.8) + 2);
        Assert.True(buffer.LostPackets >= relay.Dropped / 2, $"buffer saw {buffer.LostPackets} lost of {relay.Dropped} dropped");
        Assert.True(buffer.RecoveredByFec > 0, "some lost packets should come back from FEC");
        double correlation = TestSignals.EnvelopeCorrelation(TestSignals.Envelope(sent, Frame), TestSignals.Envelope(received, Frame), 40);
        Assert.True(correlation > minimumEnvelopeCorrelation, $"envelope correlation {correlation:F2}; buffer {buffer}; relay {relay}");
    }

    [Fact]
    public async Task G711_Jitter40Ms_BufferGrowsToAbsorbItWithFewLatePackets()
    {
        (short[] sent, short[] received, JitterBufferStatistics buffer, RelayCounters relay) =
            await RunThroughRelay(AudioCodec.Pcma, new ImpairmentProfile { Jitter = TimeSpan.FromMilliseconds(40) }, TimeSpan.FromSeconds(3));

        Assert.Equal(0, relay.Dropped);
        Assert.True(buffer.TargetDelay >= TimeSpan.FromMilliseconds(40), $"target {buffer.TargetDelay}");
        Assert.True(buffer.LatePackets <= relay.Forwarded / 10, $"{buffer.LatePackets} late of {relay.Forwarded}");
        double correlation = TestSignals.EnvelopeCorrelation(TestSignals.Envelope(sent, Frame), TestSignals.Envelope(received, Frame), 40);
        Assert.True(correlation > 0.8, $"envelope correlation {correlation:F2}; buffer {buffer}");
    }
}
