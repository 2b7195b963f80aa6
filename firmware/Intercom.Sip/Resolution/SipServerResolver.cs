using System.Net;
using Intercom.Sip.Configuration;
using Intercom.Sip.Messages;
using Intercom.Sip.Transport;

namespace Intercom.Sip.Resolution;

/// <summary>
/// RFC 3263 §4: turns a SIP URI into an ordered list of (transport, address, port) targets. The caller tries
/// them in order and moves to the next on a transport error or timeout (§4.3).
/// </summary>
public sealed class SipServerResolver
{
    private readonly ISipDnsLookup _dns;
    private readonly Random _random;

    /// <summary>Creates a resolver over a DNS lookup.</summary>
    public SipServerResolver(ISipDnsLookup dns, Random? random = null)
    {
        _dns = dns;
        _random = random ?? Random.Shared;
    }

    /// <summary>Resolves <paramref name="uri"/> into targets, best first; empty when nothing resolves.</summary>
    public async Task<IReadOnlyList<SipResolvedTarget>> ResolveAsync(SipUri uri, SipTransportPreference preference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        string host = uri.Parameters.Get("maddr") ?? uri.HostWithoutBrackets;
        SipTransportKind? transport = ChooseExplicitTransport(uri, preference);
        bool numeric = IPAddress.TryParse(host, out IPAddress? literal);

        // RFC 3263 §4.1/§4.2: a numeric host or an explicit port skips NAPTR and SRV.
        if (numeric || uri.Port is not null)
        {
            SipTransportKind kind = transport ?? (uri.IsSecure ? SipTransportKind.Tls : SipTransportKind.Udp);
            int port = uri.Port ?? kind.DefaultPort();
            IReadOnlyList<IPAddress> addresses = numeric ? [literal!] : await _dns.QueryAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            return addresses.Select(a => new SipResolvedTarget(kind, new IPEndPoint(a, port), host)).ToList();
        }

        var targets = new List<SipResolvedTarget>();
        if (transport is null)
        {
            // RFC 3263 §4.1: NAPTR picks the transport when nothing else did.
            IReadOnlyList<SipNaptrRecord> naptr = await _dns.QueryNaptrAsync(host, cancellationToken).ConfigureAwait(false);
            foreach (SipNaptrRecord record in naptr.OrderBy(r => r.Order).ThenBy(r => r.Preference))
            {
                SipTransportKind? kind = record.Service.ToUpperInvariant() switch
                {
                    "SIP+D2U" when !uri.IsSecure => SipTransportKind.Udp,
                    "SIP+D2T" when !uri.IsSecure => SipTransportKind.Tcp,
                    "SIPS+D2T" => SipTransportKind.Tls,
                    _ => null,
                };
                if (kind is null || !record.Flags.Equals("s", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                targets.AddRange(await FromSrvAsync(record.Replacement, kind.Value, host, cancellationToken).ConfigureAwait(false));
            }

            if (targets.Count > 0)
            {
                return targets;
            }

            // RFC 3263 §4.1: without NAPTR, query SRV for each supported transport.
            SipTransportKind[] order = uri.IsSecure ? [SipTransportKind.Tls] : [SipTransportKind.Udp, SipTransportKind.Tcp, SipTransportKind.Tls];
            foreach (SipTransportKind kind in order)
            {
                targets.AddRange(await FromSrvAsync(SrvName(kind, host), kind, host, cancellationToken).ConfigureAwait(false));
            }

            if (targets.Count > 0)
            {
                return targets;
            }

            transport = uri.IsSecure ? SipTransportKind.Tls : SipTransportKind.Udp;
        }
        else
        {
            targets.AddRange(await FromSrvAsync(SrvName(transport.Value, host), transport.Value, host, cancellationToken).ConfigureAwait(false));
            if (targets.Count > 0)
            {
                return targets;
            }
        }

        // RFC 3263 §4.2: no SRV records: A/AAAA with the default port.
        IReadOnlyList<IPAddress> fallback = await _dns.QueryAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        return fallback.Select(a => new SipResolvedTarget(transport.Value, new IPEndPoint(a, transport.Value.DefaultPort()), host)).ToList();
    }

    /// <summary>RFC 2782: order by priority, then pick by weight at random within a priority.</summary>
    internal IEnumerable<SipSrvRecord> OrderSrv(IReadOnlyList<SipSrvRecord> records)
    {
        foreach (IGrouping<int, SipSrvRecord> group in records.GroupBy(r => r.Priority).OrderBy(g => g.Key))
        {
            var remaining = group.ToList();
            while (remaining.Count > 0)
            {
                int total = remaining.Sum(r => r.Weight);
                int pick = total == 0 ? 0 : _random.Next(total + 1);
                int running = 0;
                int index = 0;
                for (int i = 0; i < remaining.Count; i++)
                {
                    running += remaining[i].Weight;
                    if (running >= pick)
                    {
                        index = i;
                        break;
                    }
                }

                yield return remaining[index];
                remaining.RemoveAt(index);
            }
        }
    }

    private static SipTransportKind? ChooseExplicitTransport(SipUri uri, SipTransportPreference preference)
    {
        if (preference != SipTransportPreference.Auto)
        {
            return preference switch
            {
                SipTransportPreference.Tcp => SipTransportKind.Tcp,
                SipTransportPreference.Tls => SipTransportKind.Tls,
                _ => SipTransportKind.Udp,
            };
        }

        if (uri.IsSecure)
        {
            return SipTransportKind.Tls;
        }

        return SipTransportKindExtensions.TryParse(uri.Transport, out SipTransportKind kind) ? kind : null;
    }

    private static string SrvName(SipTransportKind kind, string host) => kind switch
    {
        SipTransportKind.Tls => $"_sips._tcp.{host}",
        SipTransportKind.Tcp => $"_sip._tcp.{host}",
        _ => $"_sip._udp.{host}",
    };

    private async Task<List<SipResolvedTarget>> FromSrvAsync(string name, SipTransportKind kind, string domain, CancellationToken cancellationToken)
    {
        var targets = new List<SipResolvedTarget>();
        IReadOnlyList<SipSrvRecord> records = await _dns.QuerySrvAsync(name, cancellationToken).ConfigureAwait(false);
        foreach (SipSrvRecord record in OrderSrv(records))
        {
            IReadOnlyList<IPAddress> addresses = await _dns.QueryAddressesAsync(record.Target, cancellationToken).ConfigureAwait(false);

            // RFC 5922 §4: the certificate must match the domain of the URI, not the SRV target.
            targets.AddRange(addresses.Select(a => new SipResolvedTarget(kind, new IPEndPoint(a, record.Port), domain)));
        }

        return targets;
    }
}
