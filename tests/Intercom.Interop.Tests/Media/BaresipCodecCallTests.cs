using Intercom.Interop.Tests.Peers;
using Intercom.Media.Codecs;
using Intercom.Media.Sdp;
using Intercom.Media.Session;
using Intercom.Sip.UserAgent;
using Intercom.Station.Calls;

namespace Intercom.Interop.Tests.Media;

/// <summary>
/// We call baresip (auto-answer) in each codec and each SRTP suite it accepts: the negotiated media is what we
/// configured, and each side hears the other's sweep (normalized cross-correlation of what arrived with what was sent).
/// </summary>
public sealed class BaresipCodecCallTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(AudioCodec.Opus, null, "opus/48000", 0.9)]
    [InlineData(AudioCodec.G722, "AES_CM_128_HMAC_SHA1_80", "G722/8000", 0.9)]
    [InlineData(AudioCodec.Pcmu, "AES_CM_128_HMAC_SHA1_32", "PCMU/8000", 0.9)]
    [InlineData(AudioCodec.Pcma, "AEAD_AES_128_GCM", "PCMA/8000", 0.9)]
    public async Task WeCallBaresip_CodecAndSuite_AudioArrivesBothWays(AudioCodec codec, string? suite, string expectedCodec, double minimumCorrelation)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using BaresipPeer baresip = await BaresipAudio.StartAsync($"<sip:bob@127.0.0.1>;regint=0;answermode=auto{(suite is null ? "" : ";mediaenc=srtp")}", codec, ct);
        await using StationSide station = await StationSide.StartAsync(StationSide.Options([codec], suite), ct);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        MediaCall call = await station.Calls.DialAsync(station.Agent, new SipCallRequest { Target = $"sip:bob@127.0.0.1:{baresip.SipPort}" }, ct);
        Assert.True(await call.Answered.WaitAsync(StationSide.Deadline, ct), $"{call.GetStatus().End}\n{baresip.Process.Output}");
        TimeSpan setup = clock.Elapsed;
        MediaCallStatus status = call.GetStatus();
        AudioMeasurement audio = await BaresipAudio.TalkAndMeasureAsync(station, call, baresip, ct);
        MediaSessionStatistics media = call.GetStatus().Media!;

        output.WriteLine($"we call baresip, {expectedCodec} {suite ?? "plain"}: setup {setup.TotalMilliseconds:0} ms, {audio}, RTCP received {media.RtcpPacketsReceived}, SRTP auth failures {media.AuthenticationFailures}, malformed {media.MalformedPackets}");
        Assert.Equal(expectedCodec, status.Codec);
        Assert.Equal(suite ?? "none", status.SrtpSuite);
        Assert.True(audio.WeHeard >= minimumCorrelation, $"we heard baresip's sweep with correlation {audio.WeHeard:0.000}");
        Assert.True(audio.PeerHeard >= minimumCorrelation, $"baresip heard our sweep with correlation {audio.PeerHeard:0.000}");
        // baresip's RTCP reaches us verified in every suite (with _32 it shortens the SRTCP tag to 32 bits).
        Assert.True(media.RtcpPacketsReceived >= 1, $"RTCP received {media.RtcpPacketsReceived}, SRTP authentication failures {media.AuthenticationFailures}, malformed {media.MalformedPackets}");
        if (suite is not null)
        {
            Assert.Contains(baresip.Process.Output.Split('\n'), line => line.Contains("SRTP is Enabled", StringComparison.Ordinal) && line.Contains(suite, StringComparison.Ordinal));
        }
    }
}
