using System.Net;
using Microsoft.Extensions.Options;

namespace Intercom.Station.Configuration;

/// <summary>Validates the <c>http</c> section.</summary>
public sealed class HttpOptionsValidator : IValidateOptions<HttpOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, HttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!IPAddress.TryParse(options.ListenAddress, out var address))
        {
            errors.Add($"http.listenAddress: \"{options.ListenAddress}\" is not an IP address; use \"127.0.0.1\" or \"::1\"");
        }
        else if (!IPAddress.IsLoopback(address))
        {
            // PRODUCT.md: no unauthenticated endpoint may be reachable from the network.
            errors.Add($"http.listenAddress: {address} is reachable from the network but this API has no authentication yet; use \"127.0.0.1\" or \"::1\"");
        }

        if (options.Port is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
        {
            errors.Add($"http.port: {options.Port} is not a TCP port; use 1-65535 (or 0 for any free port)");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
