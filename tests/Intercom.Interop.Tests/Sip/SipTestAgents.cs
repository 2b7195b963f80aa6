using System.Net;
using System.Security.Cryptography.X509Certificates;
using Intercom.Sip.Configuration;
using Intercom.Sip.UserAgent;

namespace Intercom.Interop.Tests.Sip;

/// <summary>Builds our user agent for interop tests: loopback only, ports chosen by the OS.</summary>
internal static class SipTestAgents
{
    public static SipUserAgentOptions Options(params SipAccountOptions[] accounts)
    {
        var options = new SipUserAgentOptions
        {
            Transport = new SipTransportOptions { BindAddress = IPAddress.Loopback, UdpPort = 0, TcpPort = 0, KeepAliveInterval = TimeSpan.Zero },
            ProductName = "IntercomInteropTest",
            TraceEnabled = ConsoleTraceLoggerFactory.Enabled,
        };
        foreach (SipAccountOptions account in accounts)
        {
            options.Accounts.Add(account);
        }

        return options;
    }

    /// <summary>Creates a user agent with the optional console trace.</summary>
    public static SipUserAgent Create(SipUserAgentOptions options) => new(options, loggerFactory: ConsoleTraceLoggerFactory.Create());

    public static SipUserAgentOptions WithTrustedCa(this SipUserAgentOptions options, X509Certificate2 root)
    {
        options.Transport.TrustedCertificateAuthorities = [root];
        return options;
    }

    public static SipBody PcmuOffer(int rtpPort = 40000) => SipBody.FromText("application/sdp",
        $"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {rtpPort} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n");

    /// <summary>Polls an account's status until it reaches a state or the deadline passes.</summary>
    public static async Task<SipRegistrationStatus> WaitForStateAsync(SipAccount account, SipRegistrationState state, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            SipRegistrationStatus status = account.Status;
            if (status.State == state)
            {
                return status;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{account.Name} stayed {status.State} ({status.LastStatusCode} {status.LastReasonPhrase}) instead of {state}");
            }

            await Task.Delay(10, cancellationToken);
        }
    }
}
