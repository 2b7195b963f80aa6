using System.Text.Json.Nodes;
using Intercom.Station.Configuration;
using Intercom.Web.Settings;
using Microsoft.Extensions.Logging.Abstractions;

namespace Intercom.Web.Tests.Settings;

public sealed class ConfigurationEditorTests
{
    [Theory]
    [InlineData("{\"listenAddress\":\"any\",\"listenAddress\":\"::1\"}", "given twice")]
    [InlineData("{\"listen\u0080\":1}", "not valid UTF-8")] // Latin-1 below: the byte 0x80 alone, not UTF-8
    [InlineData("{\"listenAddress\":\"\u00ff\"}", "not valid UTF-8")] // the byte 0xFF inside a text value
    public void SavePage_UnreadableBody_RefusedWithReasonNotThrown(string json, string reason)
    {
        // Found by fuzzing (tools/Intercom.Tools.Fuzz, target web-settings): a parsed JsonObject reads its members
        // lazily, so these threw ArgumentException / InvalidOperationException from inside SavePage.
        using var directory = new TemporaryDirectory();
        var store = new ConfigurationStore(directory.File("intercom.json"), new IntercomOptions(), NullLogger<ConfigurationStore>.Instance);
        var editor = new ConfigurationEditor(store);
        byte[] body = System.Text.Encoding.Latin1.GetBytes(json);
        var posted = (JsonObject)JsonNode.Parse(body)!;

        SaveOutcome outcome = editor.SavePage(SettingsCatalog.Find("web")!, posted);

        Assert.False(outcome.Saved);
        Assert.Contains(reason, Assert.Single(outcome.Errors).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(directory.File("intercom.json")));
    }

    [Fact]
    public void SavePage_MediaAdvertisedAddress_SetInTheConfigurationAndBadValueRefused()
    {
        using var directory = new TemporaryDirectory();
        var store = new ConfigurationStore(directory.File("intercom.json"), new IntercomOptions(), NullLogger<ConfigurationStore>.Instance);
        var editor = new ConfigurationEditor(store);
        SettingsPage page = SettingsCatalog.Find("media")!;
        JsonObject form = editor.ReadPage(page);
        Assert.Equal("", (string?)form["advertisedAddress"]);

        form["advertisedAddress"] = "203.0.113.7";
        SaveOutcome saved = editor.SavePage(page, form);

        Assert.True(saved.Saved, string.Join("; ", saved.Errors.Select(error => error.Message)));
        Assert.Equal("203.0.113.7", store.Current.Media.AdvertisedAddress);
        Assert.Contains("203.0.113.7", File.ReadAllText(directory.File("intercom.json")), StringComparison.Ordinal);

        form["advertisedAddress"] = "door.example";
        SaveOutcome refused = editor.SavePage(page, form);

        Assert.False(refused.Saved);
        Assert.Contains("media.advertisedAddress", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);
        Assert.Equal("203.0.113.7", store.Current.Media.AdvertisedAddress);
    }
}
