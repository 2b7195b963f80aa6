namespace Intercom.Station.Configuration;

/// <summary>The installer web page and HTTP API section: <c>web</c>.</summary>
public sealed class WebOptions
{
    /// <summary>Listen on every address (IPv6 and IPv4).</summary>
    public const string AnyAddress = "any";

    /// <summary><c>"any"</c> (every interface, the Pi's default) or one IP address such as <c>"127.0.0.1"</c>.</summary>
    public string ListenAddress { get; set; } = AnyAddress;

    /// <summary>Plain HTTP port; it only redirects to HTTPS. 0 picks a free one (printed at start).</summary>
    public int HttpPort { get; set; } = 80;

    /// <summary>HTTPS port of the web page and API. 0 picks a free one (printed at start).</summary>
    public int HttpsPort { get; set; } = 443;

    /// <summary>A login session ends after this long without a request from it.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A login session ends this long after the login, active or not.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Requests to <c>/api/v1</c> and <c>/metrics</c> one API token (or one address) may make in a burst.</summary>
    public int ApiBurstRequests { get; set; } = 60;

    /// <summary>Requests per second added back to that burst; over it the answer is 429 with Retry-After.</summary>
    public int ApiRequestsPerSecond { get; set; } = 2;
}
