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
}
