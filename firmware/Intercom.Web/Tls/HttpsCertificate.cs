using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Intercom.Station.Configuration;

namespace Intercom.Web.Tls;

/// <summary>
/// The web page's self-signed certificate: ECDSA P-256 with SHA-256, made on first start, kept with its key as PEM
/// in <c>https.pem</c> (mode 0600) in the state directory. Its SHA-256 fingerprint is logged at every start so an
/// installer can check it against what the browser shows before accepting it.
/// </summary>
public sealed class HttpsCertificate
{
    /// <summary>The file in the state directory.</summary>
    public const string FileName = "https.pem";

    /// <summary>How long a new certificate is valid.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(5 * 365);

    /// <summary>A certificate this close to its end is replaced at start.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    private HttpsCertificate(X509Certificate2 certificate, string path, bool created)
    {
        Certificate = certificate;
        Path = path;
        Created = created;
        Fingerprint = FingerprintOf(certificate);
    }

    /// <summary>The certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Where it is kept.</summary>
    public string Path { get; }

    /// <summary>True when this start made it.</summary>
    public bool Created { get; }

    /// <summary>SHA-256 of the DER certificate, upper-case hex pairs joined by ':' (as browsers show it).</summary>
    public string Fingerprint { get; }

    /// <summary>
    /// Loads the certificate from <paramref name="stateDirectory"/>, or makes one (for <paramref name="hostName"/> and
    /// <paramref name="addresses"/>) when there is none, it is unreadable, or it ends within <see cref="RenewBefore"/>.
    /// The directory is created with mode 0700 when missing.
    /// </summary>
    public static HttpsCertificate LoadOrCreate(string stateDirectory, string hostName, IEnumerable<IPAddress> addresses, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(stateDirectory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        CreatePrivateDirectory(stateDirectory);
        var path = System.IO.Path.Combine(stateDirectory, FileName);
        var now = timeProvider.GetUtcNow();
        if (File.Exists(path))
        {
            var existing = TryLoad(path);
            // A Pi without a real-time clock may start in 1970: only a clock later than NotBefore is trusted to judge the end.
            if (existing is not null && (now < existing.NotBefore || existing.NotAfter - now > RenewBefore))
            {
                return new HttpsCertificate(existing, path, created: false);
            }

            existing?.Dispose();
        }

        var pem = CreatePem(hostName, addresses, now);
        AtomicFile.Write(path, Encoding.ASCII.GetBytes(pem));
        return new HttpsCertificate(X509Certificate2.CreateFromPem(pem, pem), path, created: true);
    }

    /// <summary>Makes a self-signed server certificate and returns it with its PKCS#8 key as PEM text.</summary>
    public static string CreatePem(string hostName, IEnumerable<IPAddress> addresses, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        ArgumentNullException.ThrowIfNull(addresses);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName($"intercom {hostName}");
        name.AddOrganizationName("intercom door station (self-signed)");
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        // RFC 5280 §4.2.1.12: id-kp-serverAuth.
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        // RFC 6125 §6.4: browsers match the host only against the subjectAltName, never the common name.
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var dnsName in new[] { hostName, $"{hostName}.local", "localhost" }.Where(IsDnsName).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            alternativeNames.AddDnsName(dnsName);
        }

        foreach (var address in addresses.Append(IPAddress.Loopback).Append(IPAddress.IPv6Loopback).Distinct())
        {
            alternativeNames.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(alternativeNames.Build());
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.Add(Validity));
        return certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n";
    }

    /// <summary>The SHA-256 fingerprint of <paramref name="certificate"/> as browsers show it.</summary>
    public static string FingerprintOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return string.Join(':', SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static X509Certificate2? TryLoad(string path)
    {
        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(path);
            if (certificate.GetECDsaPublicKey() is null)
            {
                certificate.Dispose();
                return null;
            }

            return certificate;
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static bool IsDnsName(string name) =>
        name.Length is > 0 and < 254 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') && !IPAddress.TryParse(name, out _);

    private static void CreatePrivateDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
