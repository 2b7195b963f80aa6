using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Intercom.Web.Tests.Browser;

/// <summary>The web page in real headless Chromium against the real service wiring, on a phone-sized screen.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class WebPageBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static long StrikePulses(StationHost host) =>
        host.Service<Intercom.Device.Hosting.HardwareService>().Hardware.FindRelay("strike")!.PulseCount;

    [Fact]
    public async Task FirstBoot_SetsPassword_ThenDashboardShowsVirtualButtonAndDoorLive()
    {
        await using var host = await StationHost.StartAsync();
        var page = await chromium.NewPhonePageAsync();
        await page.GotoAsync(host.HttpAddress.ToString());
        Assert.StartsWith(host.HttpsAddress.ToString(), page.Url, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Welcome: set the administrator password" }).WaitForAsync();
        await ChromiumFixture.ScreenshotAsync(page, "01-first-boot-setup");

        await page.GetByLabel("New password").FillAsync(StationHost.Password);
        await page.GetByLabel("Repeat the password").FillAsync(StationHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        var door = page.Locator("#inputs tr[data-input='door']");
        await door.WaitForAsync();
        Assert.NotEqual("", host.Configuration.Security.AdminPasswordHash);

        // The virtual button: pressed on the page, through the simulated GPIO line and debouncer, shown live (SSE).
        await door.GetByRole(AriaRole.Button, new() { Name = "Press" }).ClickAsync();
        await Assertions.Expect(door.Locator("td").Nth(2)).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#recent-events li[data-category='input']").First).ToContainTextAsync("door");

        var strike = page.Locator("#relays tr[data-relay='strike']");
        await strike.GetByRole(AriaRole.Button, new() { Name = "Open door" }).ClickAsync();
        await Assertions.Expect(strike.Locator(".badge")).ToHaveTextAsync("on");
        Assert.Equal(1, StrikePulses(host));
        await ChromiumFixture.ScreenshotAsync(page, "02-dashboard");
    }

    [Fact]
    public async Task Login_WrongPasswordsAreDelayedThenLockedOut()
    {
        await using var host = await StationHost.StartAsync();
        var setup = await chromium.NewPhonePageAsync();
        await ChromiumFixture.SetUpAsync(setup, host);

        var page = await chromium.NewPhonePageAsync();
        await page.GotoAsync(host.HttpsAddress.ToString());
        var password = page.GetByLabel("Administrator password");
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Log in" });
        var error = page.Locator("#password-error");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await Assertions.Expect(button).ToBeEnabledAsync(new() { Timeout = 10_000 });
            await password.FillAsync($"wrong guess {attempt}");
            await button.ClickAsync();
            await Assertions.Expect(error).ToContainTextAsync("wrong password");
        }

        await Assertions.Expect(error).ToContainTextAsync("locked out");
        await ChromiumFixture.ScreenshotAsync(page, "03-login-locked-out");

        // Even the right password is refused while locked out.
        await page.ReloadAsync();
        await page.GetByLabel("Administrator password").FillAsync(StationHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#password-error")).ToContainTextAsync("locked out");
        Assert.Equal(0, await page.Locator("#inputs").CountAsync());

        // Another browser (same address: loopback) is locked out too, a fresh login from setup's session still works.
        await setup.ReloadAsync();
        await setup.Locator("#inputs tr[data-input='door']").WaitForAsync();
    }

    [Fact]
    public async Task Settings_BadValue_ShowsErrorBesideTheFieldAndSavesNothing()
    {
        await using var host = await StationHost.StartAsync();
        var page = await chromium.NewPhonePageAsync();
        await ChromiumFixture.SetUpAsync(page, host);
        var fileBefore = await File.ReadAllBytesAsync(host.ConfigurationPath, TestContext.Current.CancellationToken);

        await page.GotoAsync(new Uri(host.HttpsAddress, "#/settings/relays").ToString());
        var field = page.Locator("[data-path='hardware.relays[0].pulseDuration']");
        await field.GetByLabel("Pulse (s)").FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(field.Locator(".error")).ToContainTextAsync("longer than maximumOnTime");
        await Assertions.Expect(field.GetByLabel("Pulse (s)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Last).ToContainTextAsync("nothing was saved");
        Assert.Equal(fileBefore, await File.ReadAllBytesAsync(host.ConfigurationPath, TestContext.Current.CancellationToken));
        Assert.Equal(TimeSpan.FromSeconds(3), host.Configuration.Hardware.Relays[0].PulseDuration);
        await ChromiumFixture.ScreenshotAsync(page, "04-relays-bad-value");

        await field.GetByLabel("Pulse (s)").FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Last).ToContainTextAsync("takes effect after a restart");
        Assert.Equal(TimeSpan.FromSeconds(4), host.Configuration.Hardware.Relays[0].PulseDuration);
    }

    [Fact]
    public async Task Csrf_RequestsWithoutTheTokenOrFromAnotherSite_ChangeNothing()
    {
        await using var host = await StationHost.StartAsync();
        var page = await chromium.NewPhonePageAsync();
        await ChromiumFixture.SetUpAsync(page, host);

        // Same page, same cookies, but no X-CSRF-Token header.
        var status = await page.EvaluateAsync<int>("async () => (await fetch('/api/v1/relays/strike/pulse', { method: 'POST' })).status");
        Assert.Equal(403, status);

        // A form on another site posting to the device: the session cookie (SameSite=Strict) is not even sent.
        var other = await page.Context.NewPageAsync();
        await other.SetContentAsync($"<form id=f method=post action='{host.HttpsAddress}api/v1/relays/strike/pulse'><input name=x value=1></form>");
        var response = await other.RunAndWaitForResponseAsync(
            () => other.EvaluateAsync("document.getElementById('f').submit()"), r => r.Url.Contains("/api/v1/relays/strike/pulse", StringComparison.Ordinal));
        Assert.True(response.Status is 401 or 403, $"status {response.Status}");
        Assert.Equal(0, StrikePulses(host));
    }

    [Fact]
    public async Task MainPages_RenderOnAPhoneScreen()
    {
        await using var host = await StationHost.StartAsync();
        var page = await chromium.NewPhonePageAsync();
        var problems = ChromiumFixture.ConsoleErrors(page);
        await ChromiumFixture.SetUpAsync(page, host);

        foreach (var (hash, heading, name) in new[]
        {
            ("#/audio", "Audio", "05-audio"),
            ("#/security", "Security", "06-security"),
            ("#/network", "Network", "07-network"),
            ("#/system", "Backup and system", "08-system"),
            ("#/settings/inputs", "Inputs", "09-inputs"),
            ("#/events", "Event log", "10-events"),
        })
        {
            await page.GotoAsync(new Uri(host.HttpsAddress, hash).ToString());
            await page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true }).WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 3_000 }).ContinueWith(_ => { }, TaskScheduler.Default);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"{hash} is {width} px wide on a 390 px screen");
            await ChromiumFixture.ScreenshotAsync(page, name);
        }

        // The API token is shown once, then only its name.
        await page.GotoAsync(new Uri(host.HttpsAddress, "#/security").ToString());
        await page.GetByLabel("Name").FillAsync("home assistant");
        await page.GetByLabel(new Regex("^read")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var token = await page.Locator("#new-token").TextContentAsync();
        Assert.StartsWith("ict_", token, StringComparison.Ordinal);
        await page.ReloadAsync();
        await page.Locator("#tokens tr[data-token]").WaitForAsync();
        Assert.DoesNotContain(token!, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(problems, p => !p.Contains("403", StringComparison.Ordinal) && !p.Contains("401", StringComparison.Ordinal));
    }
}
