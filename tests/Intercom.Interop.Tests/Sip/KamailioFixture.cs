using Intercom.Interop.Tests.Peers;

namespace Intercom.Interop.Tests.Sip;

/// <summary>One kamailio (UDP, TCP and TLS, MD5 digest) shared by the registration tests of a class.</summary>
public sealed class KamailioFixture : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, string> Users = new Dictionary<string, string>
    {
        ["door"] = "door-secret-1",
        ["door2"] = "door-secret-2",
        ["auth620"] = "fritz-secret",
        ["bob"] = "bob-secret",
        ["carol"] = "carol-secret",
    };

    public TestCertificateAuthority Authority { get; } = TestCertificateAuthority.Create("Intercom Test CA");

    public KamailioPeer Kamailio { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Kamailio = await KamailioPeer.StartAsync(Users, Authority);

    public async ValueTask DisposeAsync()
    {
        await Kamailio.DisposeAsync();
        Authority.Dispose();
    }
}
