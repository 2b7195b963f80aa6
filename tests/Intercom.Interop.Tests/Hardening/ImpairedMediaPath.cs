using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Intercom.Station.Calls;
using Intercom.Tools.Impair;

namespace Intercom.Interop.Tests.Hardening;

/// <summary>
/// Puts impairment relays between a peer and the station's media: the station binds RTP/RTCP on 127.0.0.1:P/P+1
/// but advertises 127.0.0.9:P in SDP (<c>media.advertisedAddress</c>); one relay listens on 127.0.0.9:P and one on
/// 127.0.0.9:P+1 and forwards to the station's real ports. The station then latches its RTP and RTCP to the relays'
/// back sockets (RFC 4961), so both directions of both flows go through them. <see cref="ImpairmentRelay.Forward"/>
/// is peer to station, <see cref="ImpairmentRelay.Backward"/> station to peer.
/// </summary>
internal sealed class ImpairedMediaPath : IDisposable
{
    public static readonly IPAddress AdvertisedAddress = IPAddress.Parse("127.0.0.9");

    private ImpairedMediaPath(int rtpPort, ImpairmentRelay rtp, ImpairmentRelay rtcp)
    {
        RtpPort = rtpPort;
        Rtp = rtp;
        Rtcp = rtcp;
    }

    /// <summary>The station's RTP port P (RTCP P + 1), the same on the bound and the advertised address.</summary>
    public int RtpPort { get; }

    /// <summary>The relay of RTP (and of RTCP when rtcp-mux is negotiated).</summary>
    public ImpairmentRelay Rtp { get; }

    /// <summary>The relay of RTCP on P + 1.</summary>
    public ImpairmentRelay Rtcp { get; }

    /// <summary>Finds an even port pair free on both loopback addresses and starts the relays on it.</summary>
    public static ImpairedMediaPath Start(int seed)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            int port;
            using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
            {
                probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                port = ((IPEndPoint)probe.LocalEndPoint!).Port & ~1;
            }

            if (port < 1024 || !Free(IPAddress.Loopback, port) || !Free(IPAddress.Loopback, port + 1))
            {
                continue;
            }

            ImpairmentRelay? rtp = null;
            try
            {
                rtp = new ImpairmentRelay(new IPEndPoint(AdvertisedAddress, port), new IPEndPoint(IPAddress.Loopback, port), new ImpairmentProfile(), new ImpairmentProfile(), seed);
                var rtcp = new ImpairmentRelay(new IPEndPoint(AdvertisedAddress, port + 1), new IPEndPoint(IPAddress.Loopback, port + 1), new ImpairmentProfile(), new ImpairmentProfile(), seed + 2);
                return new ImpairedMediaPath(port, rtp, rtcp);
            }
            catch (SocketException)
            {
                rtp?.Dispose();
            }
        }

        throw new InvalidOperationException("no free RTP port pair on 127.0.0.1 and 127.0.0.9");
    }

    /// <summary>Makes the station bind exactly P/P+1 on 127.0.0.1 and advertise 127.0.0.9:P.</summary>
    public void Configure(CallMediaOptions media)
    {
        media.LocalAddress = IPAddress.Loopback.ToString();
        media.AdvertisedAddress = AdvertisedAddress.ToString();
        media.RtpPortMinimum = RtpPort;
        media.RtpPortMaximum = RtpPort + 1;
    }

    /// <summary>Cuts RTP and RTCP both ways for <paramref name="length"/>.</summary>
    public void Interrupt(TimeSpan length)
    {
        Rtp.Interrupt(length);
        Rtcp.Interrupt(length);
    }

    /// <summary>Applies <paramref name="profile"/> to RTP and RTCP both ways.</summary>
    public void Impair(ImpairmentProfile profile)
    {
        Rtp.Impair(profile, profile);
        Rtcp.Impair(profile, profile);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"RTP peer->station {Rtp.Forward}; station->peer {Rtp.Backward}; RTCP peer->station {Rtcp.Forward}; station->peer {Rtcp.Backward}");

    public void Dispose()
    {
        Rtp.Dispose();
        Rtcp.Dispose();
    }

    private static bool Free(IPAddress address, int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
