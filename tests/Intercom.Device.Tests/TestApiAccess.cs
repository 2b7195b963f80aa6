using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Intercom.Device.Tests;

/// <summary>
/// The demo configuration with an API token of every scope added (only its SHA-256 is written, as the web page
/// would), and an HTTPS client that sends it and trusts exactly the certificate whose fingerprint the service logged.
/// </summary>
internal static partial class TestApiAccess
{
    public static (string Path, string Token) WriteConfiguration(TemporaryDirectory directory)
    {
        var token = $"ict_0123456789abcdef_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
        var document = JsonNode.Parse(File.ReadAllText(RepositoryPaths.DemoConfiguration), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
        document["security"] = new JsonObject
        {
            ["apiTokens"] = new JsonArray(new JsonObject
            {
                ["id"] = "0123456789abcdef",
                ["name"] = "device tests",
                ["hash"] = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token))),
                ["scopes"] = new JsonArray("admin"),
                ["created"] = "2030-01-01T00:00:00Z",
            }),
        };
        var path = directory.File("intercom.json");
        File.WriteAllText(path, document.ToJsonString());
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (path, token);
    }

    public static HttpClient CreateClient(string baseAddress, string token, string fingerprint, TimeSpan timeout)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null &&
                string.Equals(string.Join(':', SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))), fingerprint, StringComparison.Ordinal),
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(baseAddress + "/"), Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [GeneratedRegex("SHA-256 fingerprint ([0-9A-F:]{95})")]
    public static partial Regex FingerprintLine();
}
