using Intercom.Web.Tls;

namespace Intercom.Web.Hosting;

/// <summary>Facts about the running web server: the certificate and the ports actually bound.</summary>
public sealed class WebServerInfo
{
    /// <summary>Creates the info for <paramref name="certificate"/>.</summary>
    public WebServerInfo(HttpsCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Certificate = certificate;
    }

    /// <summary>The HTTPS certificate.</summary>
    public HttpsCertificate Certificate { get; }

    /// <summary>The HTTPS port bound (known once the server started; 0 before).</summary>
    public int HttpsPort { get; set; }

    /// <summary>The HTTP port bound (0 before start).</summary>
    public int HttpPort { get; set; }
}
