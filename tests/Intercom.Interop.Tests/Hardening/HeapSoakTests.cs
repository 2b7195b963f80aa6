using System.Globalization;
using Intercom.Interop.Tests.Peers;
using Intercom.Interop.Tests.Station;
using Intercom.Media.Sdp;
using Intercom.Station.Adapters;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;

namespace Intercom.Interop.Tests.Hardening;

/// <summary>
/// The station in-process places consecutive SRTP calls to baresip; the managed heap after a full collection is
/// compared after a warm-up and after the run. Sharper than RSS (which the GC grows and keeps): a leaked call,
/// session, buffer or timer shows as heap growth per call.
/// </summary>
public sealed class HeapSoakTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ConsecutiveSrtpCalls_InProcess_ManagedHeapFlat()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        int calls = int.TryParse(Environment.GetEnvironmentVariable("INTERCOM_SOAK_CALLS"), CultureInfo.InvariantCulture, out int configured) && configured > 0 ? Math.Min(configured, 200) : 30;
        const int WarmUpCalls = 5;
        short[] tone = [.. Enumerable.Range(0, 8000 * 30).Select(i => (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 8000.0)))];
        await using BaresipPeer bob = await BaresipPeer.StartAsync("<sip:bob@127.0.0.1>;regint=0;answermode=auto;mediaenc=srtp-mand;audio_codecs=PCMU", new BaresipMedia(tone, 8000), ct);
        IntercomOptions options = StationUnderTest.Options(StationUnderTest.Plan(CallPlanMode.Parallel, new CallTargetOptions { Target = $"sip:bob@127.0.0.1:{bob.SipPort}" }));
        options.Media.Srtp = SrtpPolicy.Mandatory;
        options.Media.Codecs = [Intercom.Media.Codecs.AudioCodec.Pcmu];
        await using StationUnderTest station = await StationUnderTest.StartAsync(options, cancellationToken: ct);
        SipCallLeg? leg = null;
        station.Runtime.Dialer.LegCreated += (_, created) => leg = created;

        for (int i = 0; i < WarmUpCalls; i++)
        {
            await OneCallAsync(station, bob, () => leg, ct);
        }

        var weakLeg = new WeakReference(leg);
        var weakCall = new WeakReference(leg!.Call);
        var weakSip = new WeakReference(leg!.Call!.Sip);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        for (int i = 0; i < calls; i++)
        {
            await OneCallAsync(station, bob, () => leg, ct);
        }

        leg = null;

        // RFC 6026 §7.1: the INVITE client transaction stays Accepted for Timer M (64*T1 = 32 s) to pass 2xx
        // retransmissions to its call, so the last half minute of calls is legitimately alive. Wait for it to pass.
        var settle = System.Diagnostics.Stopwatch.StartNew();
        long after = GC.GetTotalMemory(forceFullCollection: true);
        while ((weakCall.IsAlive || after - before > Allowance(calls)) && settle.Elapsed < TimeSpan.FromSeconds(45))
        {
            await Task.Delay(500, ct);
            after = GC.GetTotalMemory(forceFullCollection: true);
        }

        string alive = $"after {settle.Elapsed.TotalSeconds:F0} s: first measured call alive {weakCall.IsAlive} (its SIP call {weakSip.IsAlive}, leg {weakLeg.IsAlive}); ";
        string report = alive + $"{calls} in-process SRTP calls: managed heap after full GC {before / 1024.0:F0} KiB -> {after / 1024.0:F0} KiB ({(after - before) / 1024.0 / calls:F1} KiB per call)";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        if (Environment.GetEnvironmentVariable("INTERCOM_HARDENING_REPORT") is { Length: > 0 } reportPath)
        {
            await File.AppendAllTextAsync(reportPath, report + "\n", ct);
        }

        Assert.Equal(0, station.Runtime.Agent.CallCount);

        Assert.False(weakCall.IsAlive, report);
        Assert.False(weakSip.IsAlive, report);

        Assert.True(after - before <= Allowance(calls), report);
    }

    /// <summary>Test-side growth (baresip's captured output lines, a few hundred bytes per call) plus 256 KiB of slack: far below one leaked call.</summary>
    private static long Allowance(int calls) => (256 * 1024) + (calls * 2 * 1024L);

    private static async Task OneCallAsync(StationUnderTest station, BaresipPeer bob, Func<SipCallLeg?> leg, CancellationToken ct)
    {
        station.Press();
        await Poll.UntilAsync(() => station.Runtime.Station.Status.State == StationState.Talking && leg()?.Call?.GetStatus() is { PacketsReceived: > 10 }, Deadline, "talking with RTP", ct);
        Assert.True(leg()!.Call!.GetStatus().IsEncrypted);
        await bob.CommandAsync("hangup", cancellationToken: ct);
        await Poll.UntilAsync(() => station.Runtime.Station.Status.State == StationState.Idle, Deadline, "the call to end", ct);
    }
}
