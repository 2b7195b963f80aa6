namespace Intercom.Station.Configuration;

/// <summary>The HTTP endpoint section: <c>http</c>.</summary>
public sealed class HttpOptions
{
    /// <summary>The address Kestrel listens on. Loopback only until the web API has authentication.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one (printed at start).</summary>
    public int Port { get; set; } = 8080;
}
