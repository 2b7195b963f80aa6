using System.Net;
using Microsoft.Extensions.Options;

namespace Intercom.Station.Configuration;

/// <summary>Validates the <c>web</c> section; every message starts with the field's JSON path.</summary>
public sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    /// <summary>Shortest idle timeout accepted.</summary>
    public static readonly TimeSpan MinimumSessionIdleTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Longest session lifetime accepted.</summary>
    public static readonly TimeSpan MaximumSessionLifetime = TimeSpan.FromDays(7);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!string.Equals(options.ListenAddress, WebOptions.AnyAddress, StringComparison.Ordinal) && !IPAddress.TryParse(options.ListenAddress, out _))
        {
            errors.Add($"web.listenAddress: \"{options.ListenAddress}\" is not an IP address; use \"any\" (every interface), \"127.0.0.1\" or an address of this device");
        }

        if (options.HttpPort is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
        {
            errors.Add($"web.httpPort: {options.HttpPort} is not a TCP port; use 1-65535, e.g. 80 (or 0 for any free port)");
        }

        if (options.HttpsPort is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
        {
            errors.Add($"web.httpsPort: {options.HttpsPort} is not a TCP port; use 1-65535, e.g. 443 (or 0 for any free port)");
        }
        else if (options.HttpsPort != 0 && options.HttpsPort == options.HttpPort)
        {
            errors.Add($"web.httpsPort: {options.HttpsPort} is also the HTTP port; give HTTP and HTTPS different ports (80 and 443)");
        }

        if (options.SessionIdleTimeout < MinimumSessionIdleTimeout || options.SessionIdleTimeout > options.SessionLifetime)
        {
            errors.Add($"web.sessionIdleTimeout: {options.SessionIdleTimeout} is out of range; use at least {MinimumSessionIdleTimeout} and at most sessionLifetime ({options.SessionLifetime})");
        }

        if (options.SessionLifetime <= TimeSpan.Zero || options.SessionLifetime > MaximumSessionLifetime)
        {
            errors.Add($"web.sessionLifetime: {options.SessionLifetime} is out of range; use more than zero and at most {MaximumSessionLifetime}");
        }

        if (options.ApiRequestsPerSecond is < 1 or > 10_000)
        {
            errors.Add($"web.apiRequestsPerSecond: {options.ApiRequestsPerSecond} is out of range; use 1-10000 (2 by default)");
        }

        if (options.ApiBurstRequests < options.ApiRequestsPerSecond || options.ApiBurstRequests > 100_000)
        {
            errors.Add($"web.apiBurstRequests: {options.ApiBurstRequests} is out of range; use at least apiRequestsPerSecond ({options.ApiRequestsPerSecond}) and at most 100000 (60 by default)");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
