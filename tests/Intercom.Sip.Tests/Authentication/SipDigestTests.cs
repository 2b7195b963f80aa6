using Intercom.Sip.Authentication;

namespace Intercom.Sip.Tests.Authentication;

public sealed class SipDigestTests
{
    [Fact]
    public void ComputeResponse_Rfc2617Example_Matches()
    {
        // RFC 2617 §3.5.
        Assert.True(SipDigestChallenge.TryParse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"", out SipDigestChallenge? challenge));

        string response = SipDigestAuthenticator.ComputeResponse(challenge, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", "0a4f113b", "00000001");

        Assert.Equal("6629fae49393a05397450978507c4ef1", response);
    }

    [Fact]
    public void ComputeResponse_Rfc7616Sha256Example_Matches()
    {
        // RFC 7616 §3.9.1.
        Assert.True(SipDigestChallenge.TryParse("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"", out SipDigestChallenge? challenge));

        string response = SipDigestAuthenticator.ComputeResponse(challenge, "Mufasa", "Circle of Life", "GET", "/dir/index.html", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "00000001");

        Assert.Equal("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", response);
    }

    [Fact]
    public void CreateAuthorization_SameNonceTwice_NonceCountIncrements()
    {
        Assert.True(SipDigestChallenge.TryParse("Digest realm=\"fritz.box\", nonce=\"abc\", qop=\"auth\", algorithm=MD5", out SipDigestChallenge? challenge));
        var authenticator = new SipDigestAuthenticator();

        string first = authenticator.CreateAuthorization(challenge, "620", "pw", "REGISTER", "sip:fritz.box", "c1");
        string second = authenticator.CreateAuthorization(challenge, "620", "pw", "REGISTER", "sip:fritz.box", "c2");

        Assert.Contains("nc=00000001", first, StringComparison.Ordinal);
        Assert.Contains("nc=00000002", second, StringComparison.Ordinal);
        Assert.Contains("username=\"620\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", first.Replace("\"", " ", StringComparison.Ordinal).Split(' '), StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("Basic realm=\"x\"")]
    [InlineData("Digest nonce=\"n\"")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"")]
    public void TryParse_UnsupportedOrIncomplete_False(string header) => Assert.False(SipDigestChallenge.TryParse(header, out _));

    [Fact]
    public void TryParse_Stale_Detected()
    {
        Assert.True(SipDigestChallenge.TryParse("Digest realm=\"r\",nonce=\"n\",stale=TRUE,algorithm=SHA-256-sess", out SipDigestChallenge? challenge));
        Assert.True(challenge.Stale);
        Assert.Equal(SipDigestAlgorithm.Sha256Session, challenge.Algorithm);
    }
}
