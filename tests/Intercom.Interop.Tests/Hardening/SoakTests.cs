using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Intercom.Interop.Tests.Peers;
using Intercom.Interop.Tests.Station;
using Intercom.Media.Sdp;
using Intercom.Station.Configuration;
using Intercom.Station.Journal;

namespace Intercom.Interop.Tests.Hardening;

/// <summary>
/// Consecutive SRTP calls from the real <c>intercom</c> process to baresip (srtp-mand): every press over the HTTPS API
/// is answered, talks encrypted, is hung up by the resident and leaves nothing behind. Memory, threads, file
/// descriptors and sockets of the service are read from <c>/proc</c> after a warm-up and after the run.
/// CI runs 30 calls; <c>tools/soak.sh</c> sets <c>INTERCOM_SOAK_CALLS</c> (500 by default) for the long run and
/// <c>INTERCOM_HARDENING_REPORT</c> to a file that receives the figures.
/// </summary>
public sealed partial class SoakTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>RSS growth allowed over the measured calls (JIT tiering, allocator arenas, SQLite cache).</summary>
    private const long ResidentAllowanceKilobytes = 30 * 1024;

    /// <summary>
    /// RTP packets every call must have received (0.4 s of 20 ms packets). Each call talks for a second and then
    /// until these arrived: under load baresip's media can start late, and a fixed talk time then saw 18.
    /// </summary>
    private const int MinimumPackets = 20;

    /// <summary>Runs this long or longer are checked for growth in their second half, when start-up effects are over.</summary>
    private const int SecondHalfCheckMinimumCalls = 100;

    /// <summary>Second-half RSS growth allowed: a fixed 4 MiB plus 64 KiB per call (a leaked call holds several times that).</summary>
    private static long SecondHalfAllowanceKilobytes(int calls) => (4 * 1024) + (64L * calls);

    [Fact]
    public async Task ConsecutiveSrtpCalls_ResourcesFlatNoCallLeftHanging()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        int calls = int.TryParse(Environment.GetEnvironmentVariable("INTERCOM_SOAK_CALLS"), CultureInfo.InvariantCulture, out int configured) && configured > 0 ? configured : 30;
        const int WarmUpCalls = 3;
        short[] tone = [.. Enumerable.Range(0, 8000 * 30).Select(i => (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 8000.0)))];
        await using BaresipPeer bob = await BaresipPeer.StartAsync("<sip:bob@127.0.0.1>;regint=0;answermode=auto;mediaenc=srtp-mand;audio_codecs=PCMU", new BaresipMedia(tone, 8000), ct);
        using var directory = new TempDirectory("soak-");
        IntercomOptions options = StationUnderTest.Options(StationUnderTest.Plan(CallPlanMode.Parallel, new CallTargetOptions { Target = $"sip:bob@127.0.0.1:{bob.SipPort}" }));
        options.Media.Srtp = SrtpPolicy.Mandatory;
        options.Media.Codecs = [Intercom.Media.Codecs.AudioCodec.Pcmu];
        options.Storage = new StorageOptions { StateDirectory = "state" };
        await using ServiceApi api = await ServiceApi.StartAsync(RepositoryPaths.ServiceExecutable, options, directory, Deadline, ct);

        var clock = Stopwatch.StartNew();
        for (int i = 0; i < WarmUpCalls; i++)
        {
            await OneCallAsync(api, bob, i, ct);
        }

        ProcessResources before = ProcessResources.Read(api.Process.Id);
        var warm = clock.Elapsed;

        // RSS at five checkpoints (0, 1/4, 1/2, 3/4 and all of the calls): a leak grows steadily, a warm-up flattens.
        var checkpoints = new List<(int Calls, long ResidentKilobytes)> { (0, before.ResidentKilobytes) };
        for (int i = 0; i < calls; i++)
        {
            await OneCallAsync(api, bob, WarmUpCalls + i, ct);
            int done = i + 1;
            if (done * 4 / calls != i * 4 / calls)
            {
                checkpoints.Add((done, ProcessResources.Read(api.Process.Id).ResidentKilobytes));
            }
        }

        TimeSpan run = clock.Elapsed - warm;
        ProcessResources after = ProcessResources.Read(api.Process.Id);
        (int halfCalls, long halfKilobytes) = checkpoints[Math.Min(2, checkpoints.Count - 1)];
        long secondHalfGrowth = checkpoints[^1].ResidentKilobytes - halfKilobytes;
        int secondHalfCalls = calls - halfCalls;
        string rssCheckpoints = string.Join(", ", checkpoints.Select(point => $"{point.Calls}: {point.ResidentKilobytes / 1024.0:F1} MB"));
        string growth = $"RSS after n calls {rssCheckpoints}; second half {secondHalfGrowth} KB over {secondHalfCalls} calls ({(double)secondHalfGrowth / secondHalfCalls:F1} KB per call)";

        // RFC 6026 §7.2: each INVITE client transaction stays Accepted for Timer M (64*T1 = 32 s) and keeps its call,
        // so right after the loop the last half minute of calls is legitimately alive (see HeapSoakTests). Memory
        // must come back within the bound once that has passed; a leak keeps it above.
        var settle = Stopwatch.StartNew();
        while (after.ResidentKilobytes > before.ResidentKilobytes + ResidentAllowanceKilobytes && settle.Elapsed < TimeSpan.FromSeconds(45))
        {
            await Task.Delay(1000, ct);
            after = ProcessResources.Read(api.Process.Id);
        }

        // The station's end-of-call line counts the packets each call received (the last lines may still be in the pipe).
        MatchCollection ended = EndedLine().Matches(api.Process.Output);
        var reading = Stopwatch.StartNew();
        while (ended.Count < WarmUpCalls + calls && reading.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100, ct);
            ended = EndedLine().Matches(api.Process.Output);
        }

        int fewestPackets = ended.Count == 0 ? 0 : ended.Min(line => int.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture));
        string report = $"{calls} SRTP calls in {run.TotalSeconds:F0} s ({run.TotalMilliseconds / calls:F0} ms per call); before: {before}; after ({settle.Elapsed.TotalSeconds:F0} s later): {after}; {growth}; {ended.Count} calls ended by the resident, fewest RTP packets in one {fewestPackets}";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        if (Environment.GetEnvironmentVariable("INTERCOM_HARDENING_REPORT") is { Length: > 0 } reportPath)
        {
            await File.AppendAllTextAsync(reportPath, "soak: " + report + "\n", ct);
        }

        // Every call is in the log, encrypted, answered by bob and ended by his hang-up: none left hanging.
        using (var log = new CallLog(Path.Combine(directory.Path, "state", CallLog.FileName), 10_000, 10_000))
        {
            // The log keeps the newest storage.maximumCallRecords calls; a query pages at most a few hundred of them.
            LogPage<CallRecord> page = log.QueryCalls(new CallLogQuery { Limit = 1000 });
            IReadOnlyList<CallRecord> records = page.Items;
            Assert.Equal(Math.Min(WarmUpCalls + calls, options.Storage.MaximumCallRecords), page.Total);
            Assert.All(records, record =>
            {
                Assert.True(record.Srtp, $"call {record.Id} not encrypted");
                Assert.Equal("PCMU/8000", record.Codec);
                Assert.True(record.TalkTime > TimeSpan.Zero, $"call {record.Id} never talked");
            });
        }

        // The media of every call flowed: the station's end-of-call line counts the packets it received.
        Assert.Equal(WarmUpCalls + calls, ended.Count);
        Assert.All(ended, line => Assert.True(int.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture) >= MinimumPackets, line.Value));

        Assert.False(api.Process.HasExited, api.Process.Output);
        Assert.True(after.FileDescriptors <= before.FileDescriptors + 4, report);
        Assert.True(after.Sockets <= before.Sockets + 2, report);
        Assert.True(after.Threads <= before.Threads + 6, report);
        Assert.True(after.ResidentKilobytes <= before.ResidentKilobytes + ResidentAllowanceKilobytes, report);
        if (calls >= SecondHalfCheckMinimumCalls)
        {
            Assert.True(secondHalfGrowth <= SecondHalfAllowanceKilobytes(secondHalfCalls), report);
        }
    }

    private static async Task OneCallAsync(ServiceApi api, BaresipPeer bob, int index, CancellationToken ct)
    {
        using (HttpResponseMessage press = await api.Http.PostAsync(new Uri("api/v1/inputs/door/press", UriKind.Relative), null, ct))
        {
            Assert.True(press.IsSuccessStatusCode, $"press {index}: {press.StatusCode}");
        }

        await PollAsync(api, status => status.TryGetProperty("call", out JsonElement call) && call.ValueKind == JsonValueKind.Object
            && call.GetProperty("state").GetString() == "talking" && call.GetProperty("srtp").GetBoolean()
            && call.GetProperty("durationSeconds").GetDouble() >= 1.0
            && call.TryGetProperty("packetsReceived", out JsonElement packets) && packets.ValueKind == JsonValueKind.Number && packets.GetInt64() >= MinimumPackets,
            $"call {index} talking with SRTP for a second and {MinimumPackets} RTP packets received", ct);
        await bob.CommandAsync("hangup", cancellationToken: ct);
        await PollAsync(api, status => !status.TryGetProperty("call", out JsonElement call) || call.ValueKind == JsonValueKind.Null, $"call {index} to end", ct);
    }

    [GeneratedRegex(@"ended: RemoteHangUp \(200\).* lost \d+ of (\d+) packets")]
    private static partial Regex EndedLine();

    private static async Task PollAsync(ServiceApi api, Func<JsonElement, bool> condition, string what, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (!condition(await api.Http.GetFromJsonAsync<JsonElement>(new Uri("api/v1/status", UriKind.Relative), ct)))
        {
            Assert.True(clock.Elapsed < Deadline, $"timed out waiting for {what}; service output:\n{api.Process.Output}");
            await Task.Delay(20, ct);
        }
    }
}
