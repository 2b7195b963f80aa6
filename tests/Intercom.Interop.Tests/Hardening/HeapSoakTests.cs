using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using Intercom.Interop.Tests.Peers;
using Intercom.Interop.Tests.Station;
using Intercom.Media.Session;
using Intercom.Media.Sdp;
using Intercom.Station.Adapters;
using Intercom.Station.Calls;
using Intercom.Station.Configuration;
using Intercom.Station.Controller;

namespace Intercom.Interop.Tests.Hardening;

/// <summary>
/// The station in-process places consecutive SRTP calls to baresip; the managed heap after a full collection is
/// compared after a warm-up and after the run. Sharper than RSS (which the GC grows and keeps): a leaked call,
/// session, buffer or timer shows as heap growth per call. An ended call's media must be collectable at once, not
/// only after the SIP transaction lets go of the call (RFC 6026 Timer M, 32 s).
/// </summary>
public sealed class HeapSoakTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>How soon after its end a call's media must be collectable (collections take a moment under load).</summary>
    private static readonly TimeSpan MediaCollectableWithin = TimeSpan.FromSeconds(5);

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

        // The last warm-up call has ended: the test's own reference is the last one that may keep its media.
        (WeakReference endedCall, WeakReference endedSession) = TrackMedia(leg!);
        leg = null;
        var collecting = Stopwatch.StartNew();
        while ((endedCall.IsAlive || endedSession.IsAlive) && collecting.Elapsed < MediaCollectableWithin)
        {
            await Task.Delay(100, ct);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        string ended = $"ended call's media collectable after {collecting.Elapsed.TotalMilliseconds:F0} ms: MediaCall alive {endedCall.IsAlive}, MediaSession alive {endedSession.IsAlive}";
        TestContext.Current.TestOutputHelper?.WriteLine(ended);
        Assert.False(endedCall.IsAlive, ended);
        Assert.False(endedSession.IsAlive, ended);
        await OneCallAsync(station, bob, () => leg, ct);

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
        // retransmissions to its call, so the last half minute of SIP calls is legitimately alive (their media is not,
        // see above). Wait for it to pass.
        var settle = System.Diagnostics.Stopwatch.StartNew();
        long after = GC.GetTotalMemory(forceFullCollection: true);
        while ((weakCall.IsAlive || weakSip.IsAlive || after - before > Allowance(calls)) && settle.Elapsed < TimeSpan.FromSeconds(45))
        {
            await Task.Delay(500, ct);
            after = GC.GetTotalMemory(forceFullCollection: true);
        }

        string alive = $"after {settle.Elapsed.TotalSeconds:F0} s: first measured call alive {weakCall.IsAlive} (its SIP call {weakSip.IsAlive}, leg {weakLeg.IsAlive}); ";
        string report = ended + "; " + alive + $"{calls} in-process SRTP calls: managed heap after full GC {before / 1024.0:F0} KiB -> {after / 1024.0:F0} KiB ({(after - before) / 1024.0 / calls:F1} KiB per call)";
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

    /// <summary>Weak references to the leg's media call and its media session, made where no strong one outlives them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Call, WeakReference Session) TrackMedia(SipCallLeg leg)
    {
        MediaCall call = leg.Call ?? throw new InvalidOperationException("the leg has no media call");
        FieldInfo field = typeof(MediaCall).GetField("_session", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("MediaCall has no _session field any more: update this test");
        var session = (MediaSession)field.GetValue(call)!;
        return (new WeakReference(call), new WeakReference(session));
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
