using Intercom.Interop.Tests.Peers;
using Intercom.Media.Codecs;
using Intercom.Station.Calls;

namespace Intercom.Interop.Tests.Media;

/// <summary>
/// baresip calls us in each codec, plain and with the one suite baresip 1.0 offers (AES_CM_128_HMAC_SHA1_80, as
/// RTP/AVP best effort and as RTP/SAVP): we answer its offer and each side hears the other's sweep.
/// </summary>
public sealed class BaresipIncomingCallTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(AudioCodec.Opus, "opus/48000/2", "", "opus/48000", "none")]
    [InlineData(AudioCodec.G722, "G722/16000/1", ";mediaenc=srtp", "G722/8000", "AES_CM_128_HMAC_SHA1_80")]
    [InlineData(AudioCodec.Pcmu, "PCMU/8000/1", ";mediaenc=srtp-mand", "PCMU/8000", "AES_CM_128_HMAC_SHA1_80")]
    [InlineData(AudioCodec.Pcma, "PCMA/8000/1", "", "PCMA/8000", "none")]
    public async Task BaresipCallsUs_CodecAndSrtp_WeAnswerAndAudioArrivesBothWays(AudioCodec codec, string baresipCodec, string encryption, string expectedCodec, string expectedSuite)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using BaresipPeer baresip = await BaresipAudio.StartAsync($"<sip:bob@127.0.0.1>;regint=0;audio_codecs={baresipCodec}{encryption}", codec, ct);
        CallMediaOptions options = StationSide.Options([AudioCodec.Opus, AudioCodec.G722, AudioCodec.Pcma, AudioCodec.Pcmu], "AES_CM_128_HMAC_SHA1_80");
        await using StationSide station = await StationSide.StartAsync(options, ct);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await baresip.CommandAsync("dial", station.Uri, ct);
        MediaCall call = await station.AnswerNextAsync(ct);
        Assert.True(await call.Answered.WaitAsync(StationSide.Deadline, ct), $"{call.GetStatus().End}\n{baresip.Process.Output}");
        await baresip.WaitForEventAsync("CALL_ESTABLISHED", StationSide.Deadline, ct);
        TimeSpan setup = clock.Elapsed;
        MediaCallStatus status = call.GetStatus();
        AudioMeasurement audio = await BaresipAudio.TalkAndMeasureAsync(station, call, baresip, ct);

        output.WriteLine($"baresip calls us, {expectedCodec} {expectedSuite}: dial to established {setup.TotalMilliseconds:0} ms, {audio}");
        Assert.Equal(expectedCodec, status.Codec);
        Assert.Equal(expectedSuite, status.SrtpSuite);
        Assert.True(audio.WeHeard >= 0.9, $"we heard baresip's sweep with correlation {audio.WeHeard:0.000}");
        Assert.True(audio.PeerHeard >= 0.9, $"baresip heard our sweep with correlation {audio.PeerHeard:0.000}");
    }
}
