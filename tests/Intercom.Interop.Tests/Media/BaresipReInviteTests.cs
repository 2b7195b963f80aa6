using Intercom.Interop.Tests.Peers;
using Intercom.Media.Codecs;
using Intercom.Media.Sdp;
using Intercom.Station.Calls;

namespace Intercom.Interop.Tests.Media;

/// <summary>re-INVITEs with baresip: its hold and resume change our direction; ours change its.</summary>
public sealed class BaresipReInviteTests
{
    [Fact]
    public async Task HoldAndResume_EitherSide_DirectionFollowsOnTheSameSession()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using BaresipPeer baresip = await BaresipAudio.StartAsync("<sip:bob@127.0.0.1>;regint=0;audio_codecs=G722/16000/1;mediaenc=srtp", AudioCodec.G722, ct);
        await using StationSide station = await StationSide.StartAsync(StationSide.Options([AudioCodec.G722], "AES_CM_128_HMAC_SHA1_80"), ct);
        await baresip.CommandAsync("dial", station.Uri, ct);
        MediaCall call = await station.AnswerNextAsync(ct);
        Assert.True(await call.Answered.WaitAsync(StationSide.Deadline, ct));
        await baresip.WaitForEventAsync("CALL_ESTABLISHED", StationSide.Deadline, ct);
        int port = call.LocalRtpPort;

        await baresip.CommandAsync("hold", cancellationToken: ct);
        await Eventually(() => call.GetStatus().MediaDirection == MediaDirection.ReceiveOnly, ct);
        await baresip.CommandAsync("resume", cancellationToken: ct);
        await Eventually(() => call.GetStatus().MediaDirection == MediaDirection.SendReceive, ct);

        Assert.True(await call.HoldAsync().WaitAsync(StationSide.Deadline, ct));
        Assert.Equal(MediaDirection.SendOnly, call.GetStatus().MediaDirection);
        Assert.True(await call.ResumeAsync().WaitAsync(StationSide.Deadline, ct));
        Assert.Equal(MediaDirection.SendReceive, call.GetStatus().MediaDirection);

        Assert.Equal(port, call.LocalRtpPort);
        Assert.Equal("AES_CM_128_HMAC_SHA1_80", call.GetStatus().SrtpSuite);
        Assert.Equal(MediaCallState.Connected, call.State);
        await call.HangUpAsync();
        await baresip.WaitForEventAsync("CALL_CLOSED", StationSide.Deadline, ct);
    }

    private static async Task Eventually(Func<bool> condition, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < StationSide.Deadline, "the direction did not change in time");
            await Task.Delay(10, cancellationToken);
        }
    }
}
