using Intercom.Sip.Configuration;
using Intercom.Sip.UserAgent;

namespace Intercom.Interop.Tests.Sip;

/// <summary>Our user agent registering with kamailio (digest auth) over UDP, TCP and TLS.</summary>
public sealed class KamailioRegistrationTests(KamailioFixture fixture) : IClassFixture<KamailioFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private SipAccountOptions Account(string user, SipTransportPreference transport, string? password = null, string? authUser = null) => new()
    {
        Name = $"{user}-{transport}",
        User = user,
        AuthUser = authUser,
        Password = password ?? KamailioFixture.Users[authUser ?? user],
        Registrar = transport == SipTransportPreference.Tls ? $"127.0.0.1:{fixture.Kamailio.TlsPort}" : $"127.0.0.1:{fixture.Kamailio.Port}",
        Transport = transport,
        RegistrationExpiry = TimeSpan.FromSeconds(120),
    };

    [Theory]
    [InlineData(SipTransportPreference.Udp)]
    [InlineData(SipTransportPreference.Tcp)]
    [InlineData(SipTransportPreference.Tls)]
    public async Task Register_DigestChallenge_RegisteredThenUnregisteredOnStop(SipTransportPreference transport)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var agent = SipTestAgents.Create(SipTestAgents.Options(Account("door", transport)).WithTrustedCa(fixture.Authority.Root));
        await using (agent)
        {
            await agent.StartAsync(ct);
            SipRegistrationStatus status = await SipTestAgents.WaitForStateAsync(agent.Accounts[0], SipRegistrationState.Registered, Deadline, ct);

            Assert.Equal(200, status.LastStatusCode);
            Assert.Equal(TimeSpan.FromSeconds(120), status.Expires);
            Assert.StartsWith(transport.ToString().ToUpperInvariant(), status.Server, StringComparison.Ordinal);

            await agent.StopAsync(ct);
            Assert.Equal(SipRegistrationState.Unregistered, agent.Accounts[0].Status.State);
            Assert.Equal(200, agent.Accounts[0].Status.LastStatusCode);
        }
    }

    [Fact]
    public async Task Register_SeparateAuthUser_Registered()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using var agent = SipTestAgents.Create(SipTestAgents.Options(Account("620", SipTransportPreference.Udp, authUser: "auth620")));
        await agent.StartAsync(ct);

        SipRegistrationStatus status = await SipTestAgents.WaitForStateAsync(agent.Accounts[0], SipRegistrationState.Registered, Deadline, ct);

        Assert.Equal(200, status.LastStatusCode);
    }

    [Fact]
    public async Task Register_WrongPassword_FailedWithLastResponseKept()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using var agent = SipTestAgents.Create(SipTestAgents.Options(Account("door2", SipTransportPreference.Udp, password: "wrong")));
        await agent.StartAsync(ct);

        SipRegistrationStatus status = await SipTestAgents.WaitForStateAsync(agent.Accounts[0], SipRegistrationState.Failed, Deadline, ct);

        Assert.Equal(401, status.LastStatusCode);
        Assert.False(string.IsNullOrEmpty(status.LastReasonPhrase));
    }

    [Fact]
    public async Task Register_TlsWithoutTrustedCa_FailsCertificateValidation()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using var agent = SipTestAgents.Create(SipTestAgents.Options(Account("door2", SipTransportPreference.Tls)));
        await agent.StartAsync(ct);

        SipRegistrationStatus status = await SipTestAgents.WaitForStateAsync(agent.Accounts[0], SipRegistrationState.Failed, Deadline, ct);

        Assert.Equal(503, status.LastStatusCode);
    }

    [Fact]
    public async Task Register_ThroughOutboundProxy_RegistrarNameNeverResolved()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        SipAccountOptions account = Account("door2", SipTransportPreference.Udp);
        account.Registrar = "intercom.test";
        account.OutboundProxy = $"127.0.0.1:{fixture.Kamailio.Port}";
        await using var agent = SipTestAgents.Create(SipTestAgents.Options(account));
        await agent.StartAsync(ct);

        SipRegistrationStatus status = await SipTestAgents.WaitForStateAsync(agent.Accounts[0], SipRegistrationState.Registered, Deadline, ct);

        Assert.Equal(200, status.LastStatusCode);
        Assert.Equal($"UDP:127.0.0.1:{fixture.Kamailio.Port}", status.Server);
        Assert.Equal("intercom.test", agent.Accounts[0].AddressOfRecord.Host);
    }

    [Fact]
    public async Task TwoAccounts_FirstRegistrarDead_SecondUsedForCalls()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        SipAccountOptions dead = Account("door", SipTransportPreference.Tcp);
        dead.Name = "primary";
        dead.Registrar = $"127.0.0.1:{Peers.FreePort.Next()}";
        SipAccountOptions backup = Account("door2", SipTransportPreference.Udp);
        backup.Name = "backup";
        await using var agent = SipTestAgents.Create(SipTestAgents.Options(dead, backup));
        await agent.StartAsync(ct);

        await SipTestAgents.WaitForStateAsync(agent.Accounts[1], SipRegistrationState.Registered, Deadline, ct);
        SipRegistrationStatus primary = await SipTestAgents.WaitForStateAsync(agent.Accounts[0], SipRegistrationState.Failed, Deadline, ct);

        Assert.Equal(503, primary.LastStatusCode);
        Assert.Equal("backup", agent.SelectAccount()!.Name);
    }
}

/// <summary>Registration against a kamailio that challenges with SHA-256 (RFC 8760) and short-lived nonces.</summary>
public sealed class KamailioSha256Tests
{
    [Fact]
    public async Task Register_Sha256Challenge_RegisteredAndRefreshedWithCachedCredentials()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using Peers.KamailioPeer kamailio = await Peers.KamailioPeer.StartAsync(KamailioFixture.Users, algorithm: "SHA-256", cancellationToken: ct);
        var account = new SipAccountOptions { Name = "sha", User = "door", Password = KamailioFixture.Users["door"], Registrar = $"127.0.0.1:{kamailio.Port}", Transport = SipTransportPreference.Tcp };
        await using SipUserAgent agent = SipTestAgents.Create(SipTestAgents.Options(account));
        await agent.StartAsync(ct);
        await SipTestAgents.WaitForStateAsync(agent.Accounts[0], SipRegistrationState.Registered, TimeSpan.FromSeconds(15), ct);

        SipRegistrationStatus refreshed = await agent.Accounts[0].RegisterNowAsync().WaitAsync(TimeSpan.FromSeconds(15), ct);

        Assert.Equal(200, refreshed.LastStatusCode);
        Assert.Equal(Intercom.Sip.Authentication.SipDigestAlgorithm.Sha256, agent.Accounts[0].LastDigestAlgorithm);
    }
}
