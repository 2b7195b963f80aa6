using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Intercom.Interop.Tests.Peers;
using Intercom.Station.Configuration;

namespace Intercom.Interop.Tests.Station;

/// <summary>
/// The real <c>intercom</c> process with an API token of every scope in its configuration (only the token's SHA-256 is
/// written, as the web page would) and an HTTPS client that sends the token and trusts exactly the certificate whose
/// fingerprint the service logged.
/// </summary>
internal sealed partial class ServiceApi : IAsyncDisposable
{
    private ServiceApi(PeerProcess process, HttpClient http)
    {
        Process = process;
        Http = http;
    }

    public PeerProcess Process { get; }

    public HttpClient Http { get; }

    public static async Task<ServiceApi> StartAsync(string executable, IntercomOptions options, TempDirectory directory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string id = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        string token = $"ict_{id}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
        options.Security = new SecurityOptions
        {
            ApiTokens = [new ApiTokenOptions { Id = id, Name = "interop tests", Hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token))), Scopes = ["admin"], Created = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero) }],
        };
        // These tests poll the status 20 times a second for up to minutes: far above the product's default API rate
        // limit (a burst of 60, then 2 per second), which the integration tests check on their own.
        options.Web = new WebOptions { ListenAddress = "127.0.0.1", ApiBurstRequests = 10_000, ApiRequestsPerSecond = 1_000 };
        string configuration = directory.File("intercom.json");
        File.WriteAllBytes(configuration, ConfigurationFile.Serialize(options));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(configuration, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        PeerProcess process = PeerProcess.Start("intercom", executable, ["--config", configuration, "--http-port", "0", "--https-port", "0"], directory.Path, RepositoryPaths.ServiceEnvironment);
        try
        {
            string fingerprintLine = await process.WaitForLineAsync(line => FingerprintLine().IsMatch(line), timeout, cancellationToken);
            string statusLine = await process.WaitForLineAsync(line => StatusLine().IsMatch(line), timeout, cancellationToken);
            string fingerprint = FingerprintLine().Match(fingerprintLine).Groups[1].Value;
            var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null &&
                    string.Equals(string.Join(':', SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2", CultureInfo.InvariantCulture))), fingerprint, StringComparison.Ordinal),
            };
            var http = new HttpClient(handler) { BaseAddress = new Uri(StatusLine().Match(statusLine).Groups[1].Value + "/"), Timeout = timeout };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return new ServiceApi(process, http);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
    }

    [GeneratedRegex("SHA-256 fingerprint ([0-9A-F:]{95})")]
    private static partial Regex FingerprintLine();

    [GeneratedRegex(@"Status: (https://\S+)/api/v1/status")]
    private static partial Regex StatusLine();
}
