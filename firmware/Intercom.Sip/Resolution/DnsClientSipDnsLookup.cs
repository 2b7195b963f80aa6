using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace Intercom.Sip.Resolution;

/// <summary><see cref="ISipDnsLookup"/> over the DnsClient library (system resolvers, or given name servers).</summary>
public sealed class DnsClientSipDnsLookup : ISipDnsLookup
{
    private readonly LookupClient _client;

    /// <summary>Uses the system's name servers, or the ones given.</summary>
    public DnsClientSipDnsLookup(params IPEndPoint[] nameServers)
    {
        var options = nameServers.Length == 0 ? new LookupClientOptions() : new LookupClientOptions(nameServers);
        options.UseCache = true;
        options.Timeout = TimeSpan.FromSeconds(2);
        options.Retries = 1;
        options.ThrowDnsErrors = false;
        _client = new LookupClient(options);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<SipNaptrRecord>> QueryNaptrAsync(string domain, CancellationToken cancellationToken)
    {
        IDnsQueryResponse? response = await QueryAsync(domain, QueryType.NAPTR, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return [];
        }

        return response.Answers.OfType<NAPtrRecord>()
            .Select(r => new SipNaptrRecord(r.Order, r.Preference, r.Flags, r.Services, r.Replacement.Value.TrimEnd('.')))
            .ToList();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<SipSrvRecord>> QuerySrvAsync(string name, CancellationToken cancellationToken)
    {
        IDnsQueryResponse? response = await QueryAsync(name, QueryType.SRV, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return [];
        }

        return response.Answers.SrvRecords().Select(r => new SipSrvRecord(r.Priority, r.Weight, r.Port, r.Target.Value.TrimEnd('.'))).ToList();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<IPAddress>> QueryAddressesAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = new List<IPAddress>();
        IDnsQueryResponse? a = await QueryAsync(host, QueryType.A, cancellationToken).ConfigureAwait(false);
        if (a is not null)
        {
            addresses.AddRange(a.Answers.ARecords().Select(r => r.Address));
        }

        IDnsQueryResponse? aaaa = await QueryAsync(host, QueryType.AAAA, cancellationToken).ConfigureAwait(false);
        if (aaaa is not null)
        {
            addresses.AddRange(aaaa.Answers.AaaaRecords().Select(r => r.Address));
        }

        return addresses;
    }

    private async Task<IDnsQueryResponse?> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        try
        {
            IDnsQueryResponse response = await _client.QueryAsync(name, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
            return response.HasError ? null : response;
        }
        catch (DnsResponseException)
        {
            return null;
        }
    }
}
