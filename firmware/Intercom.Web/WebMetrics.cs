using System.Diagnostics.Metrics;

namespace Intercom.Web;

/// <summary>Counters of the web page and API (meter <c>Intercom.Web</c>).</summary>
internal static class WebMetrics
{
    private static readonly Meter Meter = new("Intercom.Web");

    public static readonly Counter<long> LoginFailures = Meter.CreateCounter<long>("intercom.web.login.failures", description: "Wrong passwords.");

    public static readonly Counter<long> LoginsThrottled = Meter.CreateCounter<long>("intercom.web.login.throttled", description: "Login attempts refused by the throttle or lockout.");

    public static readonly Counter<long> RequestsRefused = Meter.CreateCounter<long>("intercom.web.requests.refused", description: "Requests refused for a missing session, token, scope or CSRF token.");
}
