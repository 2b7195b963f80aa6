using System.Text;
using System.Text.Json.Nodes;
using Intercom.Station.Configuration;
using Intercom.Web.Settings;
using Microsoft.Extensions.Logging.Abstractions;

namespace Intercom.Web.Tests.Settings;

/// <summary>SIP passwords and door codes are write-only: never read back, kept per item when left empty, never in backups.</summary>
public sealed class SecretFieldsTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly ConfigurationStore _store;
    private readonly ConfigurationEditor _editor;

    public SecretFieldsTests()
    {
        var options = ConfigurationFile.Load(RepositoryPaths.DemoConfiguration).Options!;
        _store = new ConfigurationStore(_directory.File("intercom.json"), options, NullLogger<ConfigurationStore>.Instance);
        _editor = new ConfigurationEditor(_store);
    }

    private static SettingsPage Page(string id) => SettingsCatalog.Find(id)!;

    private static JsonObject Json(string text) => (JsonObject)JsonNode.Parse(text)!;

    private static JsonObject DoorCodesPage(string codes) =>
        Json($$"""{ "doorCodes": {{codes}}, "interDigitTimeout": "00:00:03" }""");

    [Fact]
    public void ReadPage_DoorCodes_HasNoCodesButMarksEachItem()
    {
        var values = _editor.ReadPage(Page("doorcodes"));

        var text = values.ToJsonString();
        Assert.DoesNotContain("1234", text, StringComparison.Ordinal);
        Assert.DoesNotContain("5678", text, StringComparison.Ordinal);
        var items = values["doorCodes"]!.AsArray();
        Assert.Equal([0, 1], items.Select(item => item![SecretFields.OriginalIndexKey]!.GetValue<int>()));
        Assert.Equal("strike", items[0]!["relay"]!.GetValue<string>());
    }

    [Fact]
    public void SavePage_DoorCodesReorderedAndOneRemoved_KeepEachItemsOwnCode()
    {
        var reordered = _editor.SavePage(Page("doorcodes"), DoorCodesPage("""[ { "relay": "gate", "$original": 1 }, { "relay": "strike", "$original": 0 } ]"""));
        Assert.True(reordered.Saved, string.Join("; ", reordered.Errors.Select(e => e.Message)));
        Assert.Equal(["gate:5678", "strike:1234"], _store.Current.Station.DoorCodes.Select(c => $"{c.Relay}:{c.Code}"));

        // Removing the first item must not hand its code to the next one (the positions shift).
        var removed = _editor.SavePage(Page("doorcodes"), DoorCodesPage("""[ { "relay": "strike", "$original": 1 } ]"""));
        Assert.True(removed.Saved);
        Assert.Equal(["strike:1234"], _store.Current.Station.DoorCodes.Select(c => $"{c.Relay}:{c.Code}"));
        Assert.DoesNotContain(SecretFields.OriginalIndexKey, File.ReadAllText(_store.Path), StringComparison.Ordinal);
    }

    [Fact]
    public void SavePage_NewDoorCodeWithoutCode_IsRefusedAndInheritsNothing()
    {
        var before = File.Exists(_store.Path) ? File.ReadAllBytes(_store.Path) : null;

        var outcome = _editor.SavePage(Page("doorcodes"), DoorCodesPage("""[ { "relay": "strike", "$original": 0 }, { "relay": "gate", "$original": 1 }, { "relay": "gate" } ]"""));

        Assert.False(outcome.Saved);
        Assert.Contains(outcome.Errors, e => e.Path == "station.doorCodes[2].code");
        Assert.Equal(2, _store.Current.Station.DoorCodes.Count);
        Assert.Equal(before, File.Exists(_store.Path) ? File.ReadAllBytes(_store.Path) : null);
    }

    [Fact]
    public void SavePage_SipAccountPasswordLeftEmpty_KeepsTheStoredOneAndNeverReadsItBack()
    {
        var first = _editor.SavePage(Page("sip"), Json("""{ "accounts": [ { "name": "pbx", "registrar": "127.0.0.1:5070", "user": "door", "password": "s3cret-pass" } ], "bindAddress": "127.0.0.1", "udpPort": 0, "tcpPort": 0 }"""));
        Assert.True(first.Saved, string.Join("; ", first.Errors.Select(e => e.Message)));

        var shown = _editor.ReadPage(Page("sip"));
        Assert.DoesNotContain("s3cret-pass", shown.ToJsonString(), StringComparison.Ordinal);
        var item = shown["accounts"]![0]!.AsObject();
        item["user"] = "door2";
        var second = _editor.SavePage(Page("sip"), shown);

        Assert.True(second.Saved, string.Join("; ", second.Errors.Select(e => e.Message)));
        var account = Assert.Single(_store.Current.Sip.Accounts);
        Assert.Equal(("door2", "s3cret-pass"), (account.User, account.Password));
        Assert.DoesNotContain("s3cret-pass", Encoding.UTF8.GetString(_editor.Backup()), StringComparison.Ordinal);
        Assert.DoesNotContain("1234", Encoding.UTF8.GetString(_editor.Backup()), StringComparison.Ordinal);
    }

    [Fact]
    public void ChangeSecurity_PasswordChange_KeepsSipStationAndMediaSections()
    {
        Assert.True(_editor.SavePage(Page("sip"), Json("""{ "accounts": [ { "name": "pbx", "registrar": "127.0.0.1:5070", "user": "door", "password": "pw" } ], "bindAddress": "127.0.0.1", "udpPort": 0, "tcpPort": 0 }""")).Saved);
        var codecs = _store.Current.Media.Codecs.ToArray();

        var result = _editor.ChangeSecurity(security => new SecurityOptions { AdminPasswordHash = Intercom.Web.Security.PasswordHasher.Hash("correct horse battery"), ApiTokens = security.ApiTokens });

        Assert.True(result.Applied, string.Join("; ", result.Errors));
        Assert.Equal("pbx", Assert.Single(_store.Current.Sip.Accounts).Name);
        Assert.Equal(2, _store.Current.Station.DoorCodes.Count);
        Assert.Equal(codecs, _store.Current.Media.Codecs);
    }

    [Fact]
    public void SavePage_MediaAccountOverride_RoundTripsAsAMap()
    {
        Assert.True(_editor.SavePage(Page("sip"), Json("""{ "accounts": [ { "name": "pbx", "registrar": "127.0.0.1:5070", "user": "door", "password": "pw" } ], "bindAddress": "127.0.0.1", "udpPort": 0, "tcpPort": 0 }""")).Saved);

        var outcome = _editor.SavePage(Page("media"), Json("""{ "codecs": ["pcma", "g722"], "srtp": "mandatory", "dtmfMode": "auto", "accounts": { "pbx": { "codecs": ["pcmu"], "dtmfMode": "info" } } }"""));

        Assert.True(outcome.Saved, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        var profile = _store.Current.Media.ForAccount("pbx");
        Assert.Equal([Intercom.Media.Codecs.AudioCodec.Pcmu], profile.Media.Codecs);
        Assert.Equal(Intercom.Station.Calls.DtmfMode.Info, profile.DtmfMode);
        Assert.Equal(Intercom.Media.Sdp.SrtpPolicy.Mandatory, profile.Media.Srtp);
    }

    [Fact]
    public void SavePage_NewSipAccountWithoutPassword_IsRefusedBesideItsFieldAndSavesNothing()
    {
        var outcome = _editor.SavePage(Page("sip"), Json("""{ "accounts": [ { "name": "pbx", "registrar": "127.0.0.1:5070", "user": "door" } ], "bindAddress": "127.0.0.1", "udpPort": 0, "tcpPort": 0 }"""));

        Assert.False(outcome.Saved);
        Assert.Contains(outcome.Errors, e => e.Path == "sip.accounts[0].password");
        Assert.Empty(_store.Current.Sip.Accounts);
        Assert.False(File.Exists(_store.Path));
    }

    public void Dispose() => _directory.Dispose();
}
