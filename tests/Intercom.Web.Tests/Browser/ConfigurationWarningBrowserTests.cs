using System.Text.Json.Nodes;
using Intercom.Web.Security;
using Microsoft.Playwright;

namespace Intercom.Web.Tests.Browser;

/// <summary>The dashboard while the service runs on its last good configuration (issue 9: a corrupted file at boot).</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ConfigurationWarningBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Dashboard_OnLastGoodConfiguration_ShowsTheWarningUntilASave()
    {
        // The password is in the good file: the first-boot set-up would itself be a save and end the fallback.
        await using var host = await StationHost.StartAsync(
            document => document["security"] = new JsonObject { ["adminPasswordHash"] = PasswordHasher.Hash(StationHost.Password) },
            badFileAtBoot: """{ "hardware": { "relays": [ { "name": "strike", "channel": "relay1", "pulseDuration": "00:00:30" } ] } }""");
        var page = await chromium.NewPhonePageAsync();
        var problems = ChromiumFixture.ConsoleErrors(page);
        await page.GotoAsync(host.HttpsAddress.ToString());
        await page.GetByLabel("Administrator password").FillAsync(StationHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        var warnings = page.Locator("#configuration-warnings");
        await Assertions.Expect(warnings).ToContainTextAsync("running on the last good configuration");
        await Assertions.Expect(warnings).ToContainTextAsync("hardware.relays[0].pulseDuration");
        await Assertions.Expect(warnings).ToContainTextAsync(host.ConfigurationPath + ".rejected");
        await ChromiumFixture.ScreenshotAsync(page, "10-dashboard-last-good-configuration");

        await page.GotoAsync(new Uri(host.HttpsAddress, "#/settings/relays").ToString());
        var field = page.Locator("[data-path='hardware.relays[0].pulseDuration']");
        await field.GetByLabel("Pulse (s)").FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Last).ToContainTextAsync("takes effect after a restart");

        await page.GotoAsync(new Uri(host.HttpsAddress, "#/").ToString());
        await page.Locator("#inputs tr[data-input='door']").WaitForAsync();
        await Assertions.Expect(warnings).ToBeEmptyAsync();
        Assert.True(File.Exists(host.ConfigurationPath));
        Assert.Equal(await File.ReadAllBytesAsync(host.ConfigurationPath, TestContext.Current.CancellationToken), await File.ReadAllBytesAsync(host.ConfigurationPath + ".last-good", TestContext.Current.CancellationToken));
        Assert.Empty(problems);
    }
}
