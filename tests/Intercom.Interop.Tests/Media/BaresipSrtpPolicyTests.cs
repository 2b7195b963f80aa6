using System.Text.Json;
using Intercom.Interop.Tests.Peers;
using Intercom.Media.Codecs;
using Intercom.Media.Sdp;
using Intercom.Sip.UserAgent;
using Intercom.Station.Calls;

namespace Intercom.Interop.Tests.Media;

/// <summary>SRTP mandatory on one side against a plain peer: the call fails cleanly and says why, on both sides.</summary>
public sealed class BaresipSrtpPolicyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task WeRequireSrtp_PlainBaresipCallsUs_Refused488WithTheReason()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using BaresipPeer baresip = await BaresipPeer.StartAsync("<sip:bob@127.0.0.1>;regint=0;audio_codecs=PCMU", ct);
        await using StationSide station = await StationSide.StartAsync(StationSide.Options([AudioCodec.Pcmu], "AES_CM_128_HMAC_SHA1_80", SrtpPolicy.Mandatory), ct);

        await baresip.CommandAsync("dial", station.Uri, ct);
        MediaCall call = await station.AnswerNextAsync(ct);
        MediaCallEnd end = await call.Ended.WaitAsync(StationSide.Deadline, ct);
        JsonElement closed = await baresip.WaitForEventAsync("CALL_CLOSED", StationSide.Deadline, ct);

        output.WriteLine($"ours: {end}; baresip: {closed.GetProperty("param").GetString()}");
        Assert.Equal(MediaCallEndReason.MediaNotAcceptable, end.Reason);
        Assert.Equal(488, end.StatusCode);
        Assert.Contains("SRTP is mandatory", end.Detail, StringComparison.Ordinal);
        Assert.Contains("488", closed.GetProperty("param").GetString() ?? "", StringComparison.Ordinal);
        Assert.False(await call.Answered);
    }

    [Fact]
    public async Task WeRequireSrtp_WeCallPlainBaresip_CallFailsWithTheReason()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using BaresipPeer baresip = await BaresipPeer.StartAsync("<sip:bob@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMU", ct);
        await using StationSide station = await StationSide.StartAsync(StationSide.Options([AudioCodec.Pcmu], "AES_CM_128_HMAC_SHA1_80", SrtpPolicy.Mandatory), ct);

        MediaCall call = await station.Calls.DialAsync(station.Agent, new SipCallRequest { Target = $"sip:bob@127.0.0.1:{baresip.SipPort}" }, ct);
        MediaCallEnd end = await call.Ended.WaitAsync(StationSide.Deadline, ct);

        output.WriteLine($"ours: {end}");
        Assert.Equal(MediaCallEndReason.MediaNotAcceptable, end.Reason);
        Assert.Equal(488, end.StatusCode);
        Assert.Contains("we offered PCMU; SRTP mandatory (RTP/SAVP)", end.Detail, StringComparison.Ordinal);
        Assert.False(await call.Answered);
        Assert.Null(call.GetStatus().Codec);
    }

    [Fact]
    public async Task BaresipRequiresSrtp_WeCallWithPlainRtp_CallFailsWithTheReason()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using BaresipPeer baresip = await BaresipPeer.StartAsync("<sip:bob@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMU;mediaenc=srtp-mand",
            new BaresipMedia(Sweep.Upward.Generate(8000, 1), 8000), ct);
        await using StationSide station = await StationSide.StartAsync(StationSide.Options([AudioCodec.Pcmu], null), ct);

        MediaCall call = await station.Calls.DialAsync(station.Agent, new SipCallRequest { Target = $"sip:bob@127.0.0.1:{baresip.SipPort}" }, ct);
        MediaCallEnd end = await call.Ended.WaitAsync(StationSide.Deadline, ct);

        output.WriteLine($"ours: {end}");
        Assert.Equal(MediaCallEndReason.MediaNotAcceptable, end.Reason);
        Assert.Equal(488, end.StatusCode);
        Assert.Contains("we offered PCMU; RTP in the clear (SRTP off)", end.Detail, StringComparison.Ordinal);
        Assert.False(await call.Answered);
    }

    [Fact]
    public async Task BaresipRequiresSrtp_CallsUsWithSrtpOff_Refused488WithTheReason()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using BaresipPeer baresip = await BaresipPeer.StartAsync("<sip:bob@127.0.0.1>;regint=0;audio_codecs=PCMU;mediaenc=srtp-mand",
            new BaresipMedia(Sweep.Upward.Generate(8000, 1), 8000), ct);
        await using StationSide station = await StationSide.StartAsync(StationSide.Options([AudioCodec.Pcmu], null), ct);

        await baresip.CommandAsync("dial", station.Uri, ct);
        MediaCall call = await station.AnswerNextAsync(ct);
        MediaCallEnd end = await call.Ended.WaitAsync(StationSide.Deadline, ct);
        JsonElement closed = await baresip.WaitForEventAsync("CALL_CLOSED", StationSide.Deadline, ct);

        output.WriteLine($"ours: {end}; baresip: {closed.GetProperty("param").GetString()}");
        Assert.Equal(MediaCallEndReason.MediaNotAcceptable, end.Reason);
        Assert.Equal(488, end.StatusCode);
        Assert.Contains("requires SRTP", end.Detail, StringComparison.Ordinal);
        Assert.Contains("488", closed.GetProperty("param").GetString() ?? "", StringComparison.Ordinal);
    }
}
