using System.Globalization;
using System.Text.RegularExpressions;
using Intercom.Interop.Tests.Peers;
using Intercom.Interop.Tests.Sip;
using Intercom.Interop.Tests.Station;
using Intercom.Sip.Configuration;
using Intercom.Station.Configuration;
using Intercom.Station.Journal;

namespace Intercom.Interop.Tests.Hardening;

/// <summary>
/// sipvicious against the door station registered at kamailio (127.0.0.1) with one allowed caller (bob, via the
/// registrar only). Scans come from other loopback addresses (127.0.0.2-7), so the registrar stays trusted while the
/// scanners are counted and banned.
/// </summary>
public sealed partial class ScannerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>The station's own user, its allowed caller, a resident, and names that exist nowhere.</summary>
    private static readonly string[] Dictionary = ["door", "bob", "carol", "admin", "100", "101", "102", "103", "200", "201", "620", "1000", "1001", "2000", "nobody42", "root"];

    [Fact]
    public async Task UnsolicitedRequests_BanListOff_ExistingAndUnknownUsersAnsweredAlike()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using KamailioPeer kamailio = await KamailioPeer.StartAsync(KamailioFixture.Users, cancellationToken: ct);
        await using StationUnderTest station = await StartStationAsync(kamailio, banList: false, ct);
        using var words = new TempDirectory("svwar-words-");
        string dictionary = await WriteDictionaryAsync(words, ct);

        // What svwar looks at, per method: the status and the header names of the answer for each user.
        using var probe = new RawSipProbe(System.Net.IPAddress.Parse("127.0.0.2"), station.Runtime.SipEndPoint!);
        foreach (string method in new[] { "REGISTER", "INVITE", "OPTIONS" })
        {
            var shapes = new HashSet<string>(StringComparer.Ordinal);
            foreach (string user in Dictionary)
            {
                shapes.Add(RawSipProbe.Shape(await probe.SendAsync(method, user, Deadline, ct)));
            }

            Assert.True(shapes.Count == 1, $"{method}: answers differ between users:\n{string.Join("\n", shapes)}");
        }

        // svwar itself (REGISTER): whatever it lists includes its own random probe, a user that exists nowhere.
        string war = await Scanner.RunAsync("svwar", "127.0.0.3", ["--force", "--maximumtime=2", "-d", dictionary, $"udp://127.0.0.1:{station.SipPort}"], Deadline, ct);
        HashSet<string> found = Extensions(war);
        Assert.True(found.Count == 0 || found.Any(e => !Dictionary.Contains(e)), $"svwar told users apart:\n{war}");
        Assert.Single(Statuses(war).Distinct());
        Assert.Equal(0, station.Runtime.Agent.CallCount);
        Assert.Equal(0, station.Strike.PulseCount);
    }

    [Fact]
    public async Task Sipvicious_BanListOn_NoFingerprintNothingRingsNoPasswordScannersBanned()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using KamailioPeer kamailio = await KamailioPeer.StartAsync(KamailioFixture.Users, cancellationToken: ct);
        await using StationUnderTest station = await StartStationAsync(kamailio, banList: true, ct);
        using var words = new TempDirectory("svwar-words-");
        string dictionary = await WriteDictionaryAsync(words, ct);
        string port = station.SipPort.ToString(CultureInfo.InvariantCulture);
        string target = $"udp://127.0.0.1:{port}";

        // svmap fingerprints by User-Agent/Server: the station answers OPTIONS without either.
        string map = await Scanner.RunAsync("svmap", "127.0.0.3", ["127.0.0.1", "-p", port], Deadline, ct);
        Assert.Contains($"127.0.0.1:{port}", map, StringComparison.Ordinal);
        Assert.Matches(@"\|\s*unknown\s*\|", map);

        // INVITEs from a spoofed allowed caller (bob) not through the registrar: 403 until banned, never a ring.
        using (var invites = new RawSipProbe(System.Net.IPAddress.Parse("127.0.0.4"), station.Runtime.SipEndPoint!))
        {
            for (int i = 0; i < 30; i++)
            {
                await invites.SendOnlyAsync("INVITE", "bob", ct);
            }
        }

        string warRegister = await Scanner.RunAsync("svwar", "127.0.0.5", ["--force", "--maximumtime=2", "-d", dictionary, target], Deadline, ct);

        // svcrack: the station never challenges (it is not a registrar), so there is no password to guess.
        string crack = await Scanner.RunAsync("svcrack", "127.0.0.6", ["--maximumtime=2", "-u", "door", "-r", "1000-1100", target], Deadline, ct);
        string summary = $"{map}\n----\n{warRegister}\n----\n{crack}";
        Assert.True(crack.Contains("found nothing", StringComparison.Ordinal), summary);

        HashSet<string> found = Extensions(warRegister);
        Assert.True(found.Count == 0 || found.Any(e => !Dictionary.Contains(e)), summary);

        // Nothing rang, listened or opened; the INVITE prober is banned (svwar and svcrack give up after two or three
        // identical answers, below the failure limit), the registrar is not.
        Assert.Equal(0, station.Runtime.Agent.CallCount);
        Assert.Equal(0, station.Strike.PulseCount);
        Assert.False(station.Strike.IsOn);
        long refused = station.Runtime.Log.QueryEvents(new EventLogQuery { Kind = StationEventKind.InboundRefused }).Total;
        Assert.InRange(refused, 1, new SipBanListOptions().FailureLimit);
        await Poll.UntilAsync(() => station.Runtime.Agent.BannedSourceCount >= 1, Deadline, "the INVITE prober's ban", ct);
        Assert.True(station.Runtime.Agent.Metrics.BanDroppedTotal > 0, summary);
        Assert.True(station.Runtime.Agent.Accounts[0].IsRegistered);

        // A neighbour on another address is still answered.
        using var neighbour = new RawSipProbe(System.Net.IPAddress.Parse("127.0.0.7"), station.Runtime.SipEndPoint!);
        Assert.StartsWith("SIP/2.0 200 ", await neighbour.SendAsync("OPTIONS", "door", Deadline, ct), StringComparison.Ordinal);
    }

    private static async Task<StationUnderTest> StartStationAsync(KamailioPeer kamailio, bool banList, CancellationToken ct)
    {
        var account = new SipAccountOptions { Name = "pbx", User = "door", Password = KamailioFixture.Users["door"], Registrar = $"127.0.0.1:{kamailio.Port}", Transport = SipTransportPreference.Udp };
        StationOptions plan = StationUnderTest.Plan(CallPlanMode.Parallel, new CallTargetOptions { Target = "bob" });
        plan.Inbound = new InboundPolicyOptions { Callers = [new InboundCallerOptions { Caller = "bob", Account = "pbx", MayOpenDoor = true }], OnlyFromRegistrar = true };
        IntercomOptions options = StationUnderTest.Options(plan, account);
        options.Sip.BanList.Enabled = banList;
        StationUnderTest station = await StationUnderTest.StartAsync(options, cancellationToken: ct);
        await Poll.UntilAsync(() => station.Runtime.Agent.Accounts[0].IsRegistered, Deadline, "the door station's registration", ct);
        return station;
    }

    private static async Task<string> WriteDictionaryAsync(TempDirectory directory, CancellationToken ct)
    {
        string path = Path.Combine(directory.Path, "extensions.txt");
        await File.WriteAllLinesAsync(path, Dictionary, ct);
        return path;
    }

    /// <summary>The rows of svwar's result table: | extension | authentication |.</summary>
    private static HashSet<string> Extensions(string output) =>
        [.. TableRow().Matches(output).Select(m => m.Groups[1].Value).Where(e => e != "Extension")];

    private static IEnumerable<string> Statuses(string output) =>
        TableRow().Matches(output).Where(m => m.Groups[1].Value != "Extension").Select(m => m.Groups[2].Value).DefaultIfEmpty("none");

    [GeneratedRegex(@"^\s*\|\s*(\S+)\s*\|\s*(\S+)\s*\|\s*$", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
