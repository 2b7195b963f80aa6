using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography;
using Intercom.Media.Sdp;
using Intercom.Media.Session;
using Intercom.Station.Configuration;
using Microsoft.Extensions.Logging;

namespace Intercom.Station.Adapters;

/// <summary>Makes the media session and SDP negotiator of one call from the <c>sip</c> section.</summary>
public sealed class CallMediaFactory
{
    private readonly MediaOptions _media;
    private readonly MediaSessionOptions _session;
    private readonly IPAddress _advertised;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;

    /// <summary>Creates the factory; <paramref name="engineSampleRateHz"/> is the audio engine's rate.</summary>
    public CallMediaFactory(SipOptions options, int engineSampleRateHz, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bind = IPAddress.Parse(options.BindAddress);
        _media = new MediaOptions { Codecs = options.Codecs, Srtp = options.Srtp };
        _session = new MediaSessionOptions
        {
            LocalAddress = bind,
            RtpPortMinimum = options.RtpPortMinimum,
            RtpPortMaximum = options.RtpPortMaximum,
            EngineSampleRateHz = engineSampleRateHz,
            RtpTimeout = options.RtpTimeout,
        };
        _advertised = AdvertisedAddress(bind);
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
    }

    /// <summary>Binds a new session's ports.</summary>
    public MediaSession CreateSession() => new(_session, _timeProvider, _loggerFactory.CreateLogger<MediaSession>());

    /// <summary>A negotiator for <paramref name="session"/>'s port.</summary>
    public SdpNegotiator CreateNegotiator(MediaSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new SdpNegotiator(_media, _advertised, session.LocalRtpPort, (ulong)RandomNumberGenerator.GetInt32(1, int.MaxValue));
    }

    /// <summary>The address the SDP names: the bound one, or for a wildcard bind the first up IPv4 interface address.</summary>
    public static IPAddress AdvertisedAddress(IPAddress bind)
    {
        ArgumentNullException.ThrowIfNull(bind);
        if (!bind.Equals(IPAddress.Any) && !bind.Equals(IPAddress.IPv6Any))
        {
            return bind;
        }

        foreach (var network in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (network.OperationalStatus != OperationalStatus.Up || network.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            foreach (var unicast in network.GetIPProperties().UnicastAddresses)
            {
                if (unicast.Address.AddressFamily == AddressFamily.InterNetwork)
                {
                    return unicast.Address;
                }
            }
        }

        return IPAddress.Loopback;
    }
}
