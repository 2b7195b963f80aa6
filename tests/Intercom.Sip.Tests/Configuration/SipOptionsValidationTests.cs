using Intercom.Sip.Configuration;

namespace Intercom.Sip.Tests.Configuration;

public sealed class SipOptionsValidationTests
{
    [Fact]
    public void Validate_GoodAccount_NoMessages()
    {
        var account = new SipAccountOptions { Name = "fritz", User = "620", Registrar = "fritz.box", Password = "x" };

        Assert.Empty(account.Validate());
    }

    [Theory]
    [InlineData("User", "")]
    [InlineData("User", "a b")]
    [InlineData("Registrar", "sip:")]
    [InlineData("OutboundProxy", "http://proxy")]
    [InlineData("Password", null)]
    public void Validate_BadField_MessageNamesTheField(string field, string? value)
    {
        var account = new SipAccountOptions { Name = "fritz", User = "620", Registrar = "fritz.box", Password = "x" };
        typeof(SipAccountOptions).GetProperty(field)!.SetValue(account, value);

        IReadOnlyList<string> errors = account.Validate();

        Assert.Contains(errors, e => e.Contains(field, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ThreeAccountsAndShortExpiry_Rejected()
    {
        var options = new SipUserAgentOptions();
        for (int i = 0; i < 3; i++)
        {
            options.Accounts.Add(new SipAccountOptions { Name = $"a{i}", User = "u", Domain = "example.com", RegistrationExpiry = TimeSpan.FromSeconds(10) });
        }

        IReadOnlyList<string> errors = options.Validate();

        Assert.Contains(errors, e => e.StartsWith("Accounts:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("RegistrationExpiry", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TlsListenerWithoutCertificate_Rejected()
    {
        var transport = new SipTransportOptions { EnableTlsListener = true, UdpPort = 70000 };

        IReadOnlyList<string> errors = transport.Validate();

        Assert.Contains(errors, e => e.StartsWith("TlsCertificate:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("UdpPort:", StringComparison.Ordinal));
    }
}
