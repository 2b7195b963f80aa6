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
