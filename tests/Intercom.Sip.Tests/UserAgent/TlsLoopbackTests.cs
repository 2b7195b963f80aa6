using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Intercom.Sip.Configuration;
using Intercom.Sip.UserAgent;

namespace Intercom.Sip.Tests.UserAgent;

/// <summary>Our user agent calling our user agent over TLS, with the server certificate checked against a configured CA.</summary>
public sealed class TlsLoopbackTests
{
    private static X509Certificate2 CreateCertificate()
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using X509Certificate2 created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    [Fact]
    public async Task Call_OverTlsWithTrustedCa_AnsweredAndHungUp()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using X509Certificate2 certificate = CreateCertificate();
        SipUserAgentOptions calleeOptions = LoopbackCallTests.LoopbackOptions();
        calleeOptions.Transport.EnableTlsListener = true;
        calleeOptions.Transport.TlsPort = 0;
        calleeOptions.Transport.TlsCertificate = certificate;
        SipUserAgentOptions callerOptions = LoopbackCallTests.LoopbackOptions();
        using var publicPart = X509CertificateLoader.LoadCertificate(certificate.RawData);
        callerOptions.Transport.TrustedCertificateAuthorities = [publicPart];
        await using var callee = new SipUserAgent(calleeOptions);
        await using var caller = new SipUserAgent(callerOptions);
        callee.InboundPolicy = _ => SipInboundDecision.Allow;
        await callee.StartAsync(ct);
        await caller.StartAsync(ct);

        SipCall outgoing = await caller.CallAsync(new SipCallRequest { Target = $"sip:door@127.0.0.1:{callee.TlsEndPoint!.Port};transport=tls" }, ct);
        SipCall incoming = await callee.IncomingCalls.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        await incoming.AnswerAsync(null);

        Assert.Equal(200, (await outgoing.Outcome.WaitAsync(TimeSpan.FromSeconds(10), ct)).StatusCode);
        Assert.Equal(Intercom.Sip.Transport.SipTransportKind.Tls, incoming.Transport);
        await outgoing.HangUpAsync();
        Assert.Equal(SipCallEndReason.RemoteHangUp, (await incoming.Ended.WaitAsync(TimeSpan.FromSeconds(10), ct)).Reason);
    }

    [Fact]
    public async Task Call_OverTlsWithoutTrust_FailsWithTransportError()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using X509Certificate2 certificate = CreateCertificate();
        SipUserAgentOptions calleeOptions = LoopbackCallTests.LoopbackOptions();
        calleeOptions.Transport.EnableTlsListener = true;
        calleeOptions.Transport.TlsPort = 0;
        calleeOptions.Transport.TlsCertificate = certificate;
        await using var callee = new SipUserAgent(calleeOptions);
        await using var caller = new SipUserAgent(LoopbackCallTests.LoopbackOptions());
        callee.InboundPolicy = _ => SipInboundDecision.Allow;
        await callee.StartAsync(ct);
        await caller.StartAsync(ct);

        SipCall outgoing = await caller.CallAsync(new SipCallRequest { Target = $"sip:door@127.0.0.1:{callee.TlsEndPoint!.Port};transport=tls" }, ct);

        Assert.Equal(503, (await outgoing.Outcome.WaitAsync(TimeSpan.FromSeconds(10), ct)).StatusCode);
        Assert.Equal(SipCallEndReason.TransportError, (await outgoing.Ended).Reason);
    }
}
