using System.Net;
using System.Net.Sockets;

namespace Intercom.Station.Calls;

/// <summary>
/// Picks the address our SDP names and RTP binds to: the configured one, else the address the SIP stack is bound
/// to, else the local address the kernel would send from towards the peer (a connected UDP socket sends nothing).
/// </summary>
internal static class MediaAddressSelector
{
    // RFC 5737 documentation address: only used to ask the routing table for the default interface.
    private static readonly IPAddress DefaultRouteProbe = IPAddress.Parse("192.0.2.1");
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(2);

    public static async ValueTask<IPAddress> SelectAsync(IPAddress? configured, IPAddress sipBindAddress, string? peerHost, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (configured is not null)
        {
            return configured;
        }

        if (!sipBindAddress.Equals(IPAddress.Any) && !sipBindAddress.Equals(IPAddress.IPv6Any))
        {
            return sipBindAddress;
        }

        IPAddress? peer = null;
        if (!string.IsNullOrEmpty(peerHost))
        {
            string host = peerHost.Trim('[', ']');
            if (!IPAddress.TryParse(host, out peer))
            {
                peer = await ResolveAsync(host, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }

        return (peer is null ? null : RouteSource(peer)) ?? RouteSource(DefaultRouteProbe) ?? IPAddress.Loopback;
    }

    /// <summary>The local address the kernel picks to reach <paramref name="peer"/>, or null without a route.</summary>
    internal static IPAddress? RouteSource(IPAddress peer)
    {
        using var socket = new Socket(peer.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Connect(peer, 9);
            return ((IPEndPoint)socket.LocalEndPoint!).Address;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private static async ValueTask<IPAddress?> ResolveAsync(string host, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(ResolveTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            IPAddress[] addresses = await Dns.GetHostAddressesAsync(host, linked.Token).ConfigureAwait(false);
            foreach (IPAddress address in addresses)
            {
                if (address.AddressFamily == AddressFamily.InterNetwork)
                {
                    return address;
                }
            }

            return addresses.Length > 0 ? addresses[0] : null;
        }
        catch (SocketException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
