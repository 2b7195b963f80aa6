using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Intercom.Integration.Mqtt;

/// <summary>Checks the broker's certificate against the configured CA only (host name checked by the TLS layer).</summary>
internal static class BrokerCertificateValidation
{
    public static bool ChainsTo(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 authority)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var leaf = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
