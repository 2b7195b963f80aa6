using Intercom.Station.Configuration;
using Intercom.Web.Security;
using Microsoft.Extensions.Time.Testing;

namespace Intercom.Web.Tests.Security;

public sealed class PasswordAndSessionTests
{
    [Fact]
    public void PasswordHash_VerifiesOnlyThePassword_AndSaltsEachHash()
    {
        var first = PasswordHasher.Hash("correct horse battery");
        var second = PasswordHasher.Hash("correct horse battery");

        Assert.NotEqual(first, second);
        Assert.True(PasswordHasher.Verify("correct horse battery", first));
        Assert.False(PasswordHasher.Verify("correct horse batterz", first));
        Assert.False(PasswordHasher.Verify("correct horse battery", first.Replace("600000", "100000", StringComparison.Ordinal)));
        Assert.False(PasswordHasher.Verify("x", "pbkdf2-sha256$600000$!!$??"));
        Assert.Empty(new SecurityOptionsValidator().Validate(null, new SecurityOptions { AdminPasswordHash = first }).Failures ?? []);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("aaaaaaaaaaaa")]
    public void PasswordStrength_WeakPasswords_AreRefused(string password) => Assert.NotNull(PasswordHasher.CheckStrength(password));

    [Fact]
    public void Session_EndsAfterIdleTimeoutAndLifetime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2031, 7, 13, 3, 17, 29, TimeSpan.Zero));
        var options = new WebOptions { SessionIdleTimeout = TimeSpan.FromMinutes(10), SessionLifetime = TimeSpan.FromMinutes(25) };
        var store = new SessionStore(time, () => options);
        var (cookie, session) = store.Create(null);

        time.Advance(TimeSpan.FromMinutes(9));
        Assert.Same(session, store.Find(cookie));
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.Same(session, store.Find(cookie));
        time.Advance(TimeSpan.FromMinutes(8));
        Assert.Null(store.Find(cookie));

        var (idleCookie, _) = store.Create(null);
        time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        Assert.Null(store.Find(idleCookie));
        Assert.Null(store.Find("not a session"));
    }

    [Fact]
    public void Session_RemoveAllKeepsOnlyTheOneAsked()
    {
        var store = new SessionStore(TimeProvider.System, () => new WebOptions());
        var (keepCookie, keep) = store.Create(null);
        var (dropCookie, _) = store.Create(null);

        store.RemoveAll(keep);

        Assert.NotNull(store.Find(keepCookie));
        Assert.Null(store.Find(dropCookie));
    }

    [Fact]
    public void ApiToken_VerifiesOnlyItself()
    {
        var (entry, token) = ApiTokenIssuer.Create("ha", ["read"], DateTimeOffset.UnixEpoch);
        var (other, otherToken) = ApiTokenIssuer.Create("door", ["door"], DateTimeOffset.UnixEpoch);
        ApiTokenOptions[] entries = [entry, other];

        Assert.Same(entry, ApiTokenIssuer.Verify(token, entries));
        Assert.Same(other, ApiTokenIssuer.Verify(otherToken, entries));
        Assert.Null(ApiTokenIssuer.Verify(token[..^1] + (token[^1] == 'a' ? 'b' : 'a'), entries));
        Assert.Null(ApiTokenIssuer.Verify($"ict_{entry.Id}_", entries));
        Assert.Null(ApiTokenIssuer.Verify("Basic abc", entries));
        Assert.True(ApiTokenIssuer.Grants(entry, ApiScope.Read));
        Assert.False(ApiTokenIssuer.Grants(entry, ApiScope.Door));
        Assert.Empty(new SecurityOptionsValidator().Validate(null, new SecurityOptions { ApiTokens = entries }).Failures ?? []);
    }
}
