using System.Collections.Concurrent;
using Intercom.Interop.Tests.Peers;
using Intercom.Media.Codecs;
using Intercom.Media.Dtmf;
using Intercom.Station.Calls;

namespace Intercom.Interop.Tests.Media;

/// <summary>
/// sipp as a PBX calling the door station: DTMF as SIP INFO (both content types, digits and event numbers), and
/// RFC 4733 without the marker bit after a late offer (our offer in the 200, its answer in the ACK).
/// </summary>
public sealed class SippDtmfTests(ITestOutputHelper output)
{
    private static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Media", "Scenarios", name);

    [Fact]
    public async Task PbxSendsSipInfo_DtmfRelayAndDtmf_GlueReportsTheCode()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using StationSide station = await StationSide.StartAsync(StationSide.Options([AudioCodec.Pcmu], null), ct);
        await using SippPeer sipp = SippPeer.StartClientWithMedia(Scenario("uac_info_dtmf.xml"), $"127.0.0.1:{station.Agent.UdpEndPoint!.Port}", "door", new Dictionary<string, byte[]>());

        MediaCall call = await AnswerAsync(station, sipp, ct);
        ConcurrentQueue<CallDtmfEventArgs> digits = Collect(call);

        Assert.Equal(0, await sipp.WaitForExitAsync(StationSide.Deadline, ct));
        MediaCallEnd end = await call.Ended.WaitAsync(StationSide.Deadline, ct);
        output.WriteLine($"INFO digits: {string.Concat(digits.Select(d => d.Digit))}; end: {end}");
        Assert.Equal("12#", string.Concat(digits.Select(d => d.Digit)));
        Assert.All(digits, d => Assert.Equal(DtmfSource.SipInfo, d.Source));
        Assert.Equal(MediaCallEndReason.RemoteHangUp, end.Reason);
    }

    [Fact]
    public async Task PbxLateOfferThenRfc4733WithoutMarker_WeOfferIn200AndReportTheDigits()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using StationSide station = await StationSide.StartAsync(StationSide.Options([AudioCodec.Pcmu], null), ct);
        var files = new Dictionary<string, byte[]> { ["dtmf.pcap"] = RtpPcap.DtmfWithoutMarker("59", telephoneEventPayloadType: 101) };
        await using SippPeer sipp = SippPeer.StartClientWithMedia(Scenario("uac_late_offer_rfc4733.xml"), $"127.0.0.1:{station.Agent.UdpEndPoint!.Port}", "door", files);

        MediaCall call = await AnswerAsync(station, sipp, ct);
        ConcurrentQueue<CallDtmfEventArgs> digits = Collect(call);
        Assert.True(await call.Answered.WaitAsync(StationSide.Deadline, ct), $"{call.GetStatus().End}\n{sipp.Process.Output}");
        call.ConnectAudio(station.Pump);
        MediaCallStatus connected = call.GetStatus();

        Assert.Equal(0, await sipp.WaitForExitAsync(StationSide.Deadline, ct));
        await call.Ended.WaitAsync(StationSide.Deadline, ct);
        output.WriteLine($"late offer: {connected.Codec}, remote {connected.RemoteMedia}; RFC 4733 digits: {string.Concat(digits.Select(d => d.Digit))}");
        Assert.Equal("PCMU/8000", connected.Codec);
        Assert.Equal("59", string.Concat(digits.Select(d => d.Digit)));
        Assert.All(digits, d => Assert.Equal(DtmfSource.Rfc4733, d.Source));
    }

    private static async Task<MediaCall> AnswerAsync(StationSide station, SippPeer sipp, CancellationToken cancellationToken)
    {
        try
        {
            return await station.AnswerNextAsync(cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"sipp did not call. Output:\n{sipp.Process.Output}\n{sipp.ErrorLog}");
        }
    }

    private static ConcurrentQueue<CallDtmfEventArgs> Collect(MediaCall call)
    {
        var digits = new ConcurrentQueue<CallDtmfEventArgs>();
        call.DtmfReceived += (_, e) => digits.Enqueue(e);
        return digits;
    }
}
