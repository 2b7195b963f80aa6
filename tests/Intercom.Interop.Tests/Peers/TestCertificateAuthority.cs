using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Intercom.Interop.Tests.Peers;

/// <summary>A throw-away CA made by the test, issuing server certificates for loopback TLS peers.</summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly RSA _key;

    private TestCertificateAuthority(X509Certificate2 root, RSA key)
    {
        Root = root;
        _key = key;
    }

    /// <summary>The CA certificate (trust anchor for clients).</summary>
    public X509Certificate2 Root { get; }

    /// <summary>Creates a CA valid from yesterday for a week.</summary>
    public static TestCertificateAuthority Create(string name)
    {
        RSA key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        X509Certificate2 root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return new TestCertificateAuthority(root, key);
    }

    /// <summary>Issues a server certificate (with private key) for a DNS name and an IP address.</summary>
    public X509Certificate2 IssueServer(string dnsName, IPAddress address)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        names.AddIpAddress(address);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        byte[] serial = RandomNumberGenerator.GetBytes(12);
        using X509Certificate2 issued = request.Create(Root.SubjectName, X509SignatureGenerator.CreateForRSA(_key, RSASignaturePadding.Pkcs1), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(6), serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Writes a certificate as PEM and, when present, its private key as PKCS#8 PEM.</summary>
    public static void WritePem(X509Certificate2 certificate, string certificatePath, string? keyPath)
    {
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        if (keyPath is not null)
        {
            using RSA key = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("no private key");
            File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        }
    }

    public void Dispose()
    {
        Root.Dispose();
        _key.Dispose();
    }
}
