using System.Net;
using Intercom.Sip.Configuration;
using Intercom.Sip.Messages;
using Intercom.Sip.Resolution;
using Intercom.Sip.Transport;

namespace Intercom.Sip.Tests.Resolution;

/// <summary>RFC 3263 §4 target selection over a scripted DNS.</summary>
public sealed class SipServerResolverTests
{
    private sealed class ScriptedDns : ISipDnsLookup
    {
        public Dictionary<string, List<SipNaptrRecord>> Naptr { get; } = [];

        public Dictionary<string, List<SipSrvRecord>> Srv { get; } = [];

        public Dictionary<string, List<IPAddress>> Hosts { get; } = [];

        public List<string> Queries { get; } = [];

        public Task<IReadOnlyList<SipNaptrRecord>> QueryNaptrAsync(string domain, CancellationToken cancellationToken)
        {
            Queries.Add("NAPTR " + domain);
            return Task.FromResult<IReadOnlyList<SipNaptrRecord>>(Naptr.GetValueOrDefault(domain) ?? []);
        }

        public Task<IReadOnlyList<SipSrvRecord>> QuerySrvAsync(string name, CancellationToken cancellationToken)
        {
            Queries.Add("SRV " + name);
            return Task.FromResult<IReadOnlyList<SipSrvRecord>>(Srv.GetValueOrDefault(name) ?? []);
        }

        public Task<IReadOnlyList<IPAddress>> QueryAddressesAsync(string host, CancellationToken cancellationToken)
        {
            Queries.Add("A " + host);
            return Task.FromResult<IReadOnlyList<IPAddress>>(Hosts.GetValueOrDefault(host) ?? []);
        }
    }

    private static SipUri Uri(string text) => SipUri.TryParse(text, out SipUri? uri) ? uri : throw new ArgumentException(text);

    [Fact]
    public async Task Resolve_NumericHost_NoDnsQueries()
    {
        var dns = new ScriptedDns();

        IReadOnlyList<SipResolvedTarget> targets = await new SipServerResolver(dns).ResolveAsync(Uri("sip:192.0.2.1:5080;transport=tcp"), SipTransportPreference.Auto, TestContext.Current.CancellationToken);

        Assert.Equal(new SipResolvedTarget(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5080), "192.0.2.1"), Assert.Single(targets));
        Assert.Empty(dns.Queries);
    }

    [Fact]
    public async Task Resolve_Naptr_PrefersOrderThenSrvPriority()
    {
        var dns = new ScriptedDns();
        dns.Naptr["example.com"] = [new(50, 50, "s", "SIP+D2U", "_sip._udp.example.com"), new(10, 50, "s", "SIP+D2T", "_sip._tcp.example.com")];
        dns.Srv["_sip._tcp.example.com"] = [new(20, 0, 5060, "b.example.com"), new(10, 0, 5070, "a.example.com")];
        dns.Srv["_sip._udp.example.com"] = [new(10, 0, 5060, "a.example.com")];
        dns.Hosts["a.example.com"] = [IPAddress.Parse("192.0.2.1")];
        dns.Hosts["b.example.com"] = [IPAddress.Parse("192.0.2.2")];

        IReadOnlyList<SipResolvedTarget> targets = await new SipServerResolver(dns).ResolveAsync(Uri("sip:example.com"), SipTransportPreference.Auto, TestContext.Current.CancellationToken);

        Assert.Equal(
            ["TCP 192.0.2.1:5070", "TCP 192.0.2.2:5060", "UDP 192.0.2.1:5060"],
            targets.Select(t => $"{t.Transport.ViaName()} {t.EndPoint}"));
        Assert.All(targets, t => Assert.Equal("example.com", t.ServerName));
    }

    [Fact]
    public async Task Resolve_NoNaptrNoSrv_FallsBackToAddressWithDefaultPort()
    {
        var dns = new ScriptedDns();
        dns.Hosts["pbx.example.com"] = [IPAddress.Parse("192.0.2.9"), IPAddress.Parse("2001:db8::9")];

        IReadOnlyList<SipResolvedTarget> targets = await new SipServerResolver(dns).ResolveAsync(Uri("sips:pbx.example.com"), SipTransportPreference.Auto, TestContext.Current.CancellationToken);

        Assert.Equal(["TLS 192.0.2.9:5061", "TLS [2001:db8::9]:5061"], targets.Select(t => $"{t.Transport.ViaName()} {t.EndPoint}"));
        Assert.Contains("SRV _sips._tcp.pbx.example.com", dns.Queries);
    }

    [Fact]
    public async Task Resolve_ConfiguredTransport_SkipsNaptr()
    {
        var dns = new ScriptedDns();
        dns.Srv["_sip._tcp.example.com"] = [new(10, 0, 5062, "a.example.com")];
        dns.Hosts["a.example.com"] = [IPAddress.Parse("192.0.2.1")];

        IReadOnlyList<SipResolvedTarget> targets = await new SipServerResolver(dns).ResolveAsync(Uri("sip:example.com"), SipTransportPreference.Tcp, TestContext.Current.CancellationToken);

        Assert.Equal("TCP 192.0.2.1:5062", $"{targets[0].Transport.ViaName()} {targets[0].EndPoint}");
        Assert.DoesNotContain(dns.Queries, q => q.StartsWith("NAPTR", StringComparison.Ordinal));
    }

    [Fact]
    public void OrderSrv_Weights_BothTargetsEventuallyFirst()
    {
        var resolver = new SipServerResolver(new ScriptedDns(), new Random(7));
        SipSrvRecord[] records = [new(10, 60, 5060, "a"), new(10, 40, 5060, "b")];
        int aFirst = 0;
        for (int i = 0; i < 1000; i++)
        {
            aFirst += resolver.OrderSrv(records).First().Target == "a" ? 1 : 0;
        }

        Assert.InRange(aFirst, 500, 700);
    }
}
