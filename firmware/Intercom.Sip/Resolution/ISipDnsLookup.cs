using System.Net;

namespace Intercom.Sip.Resolution;

/// <summary>The DNS queries RFC 3263 needs; a seam so resolution logic is testable without a DNS server.</summary>
public interface ISipDnsLookup
{
    /// <summary>NAPTR records of a domain (empty when none or on error).</summary>
    Task<IReadOnlyList<SipNaptrRecord>> QueryNaptrAsync(string domain, CancellationToken cancellationToken);

    /// <summary>SRV records of a name such as _sip._udp.example.com (empty when none or on error).</summary>
    Task<IReadOnlyList<SipSrvRecord>> QuerySrvAsync(string name, CancellationToken cancellationToken);

    /// <summary>A and AAAA addresses of a host (empty when none or on error).</summary>
    Task<IReadOnlyList<IPAddress>> QueryAddressesAsync(string host, CancellationToken cancellationToken);
}
