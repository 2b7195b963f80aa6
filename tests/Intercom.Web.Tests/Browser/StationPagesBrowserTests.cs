using System.Text.Json.Nodes;
using Intercom.Interop.Tests.Peers;
using Microsoft.Playwright;

namespace Intercom.Web.Tests.Browser;

/// <summary>
/// The door station's pages in real headless Chromium against the real service wiring and real SIP peers on
/// loopback: kamailio (registrar with digest authentication) and baresip (the resident's phone).
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class StationPagesBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 20_000 };

    private static async Task FillAccountAsync(ILocator account, string label, string value) =>
        await account.GetByLabel(label, new() { Exact = true }).FillAsync(value);

    [Fact]
    public async Task SipAccount_SavedOnThePage_ShowsTheRegistrarsAnswerThenRegistersAgainstKamailio()
    {
        await using var kamailio = await KamailioPeer.StartAsync(new Dictionary<string, string> { ["door"] = "door-secret-1" }, cancellationToken: TestContext.Current.CancellationToken);
        await using var host = await StationHost.StartAsync();
        var page = await chromium.NewPhonePageAsync();
        await ChromiumFixture.SetUpAsync(page, host);

        await page.GotoAsync(new Uri(host.HttpsAddress, "#/sip").ToString());
        var form = page.Locator("#settings-sip");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add account" }).ClickAsync();
        var account = form.Locator("fieldset[data-path='sip.accounts[0]']");
        await FillAccountAsync(account, "Account name", "pbx");
        await FillAccountAsync(account, "Registrar", $"127.0.0.1:{kamailio.Port}");
        await FillAccountAsync(account, "User", "door");
        await FillAccountAsync(account, "Password", "a-wrong-password");
        await account.GetByLabel("Transport").SelectOptionAsync("udp");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(form.GetByRole(AriaRole.Status).Last).ToContainTextAsync("saved and applied");

        // Applied without a restart: the station re-registers, kamailio refuses the credentials, the dashboard says so.
        await page.GotoAsync(new Uri(host.HttpsAddress, "#/dashboard").ToString());
        var status = page.Locator("#accounts [data-account='pbx']");
        await Assertions.Expect(status.Locator(".badge")).ToHaveTextAsync("failed", Slow);
        await Assertions.Expect(status).ToContainTextAsync("401", new() { Timeout = 5_000 });
        await ChromiumFixture.ScreenshotAsync(page, "11-dashboard-registration-failed");

        // The password field is write-only: the page shows it empty; a new one turns the registration green.
        await page.GotoAsync(new Uri(host.HttpsAddress, "#/sip").ToString());
        account = page.Locator("#settings-sip fieldset[data-path='sip.accounts[0]']");
        await Assertions.Expect(account.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("");
        Assert.DoesNotContain("a-wrong-password", await page.ContentAsync(), StringComparison.Ordinal);
        await FillAccountAsync(account, "Password", "door-secret-1");
        await page.Locator("#settings-sip").GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#settings-sip").GetByRole(AriaRole.Status).Last).ToContainTextAsync("saved and applied");
        await ChromiumFixture.ScreenshotAsync(page, "12-sip-accounts");

        await page.GotoAsync(new Uri(host.HttpsAddress, "#/dashboard").ToString());
        await Assertions.Expect(status.Locator(".badge")).ToHaveTextAsync("registered", Slow);
        await Assertions.Expect(status).ToContainTextAsync("200");
        await Assertions.Expect(page.Locator("#recent-events li[data-category='sip']").First).ToContainTextAsync("pbx");
        await ChromiumFixture.ScreenshotAsync(page, "13-dashboard-registered");
        Assert.Equal("door-secret-1", Assert.Single(host.Configuration.Sip.Accounts).Password);
    }

    [Fact]
    public async Task VirtualButton_CallsTheResident_DashboardShowsRingingTalkingAndMaskedDigits_CallLogShowsTheCall()
    {
        var tone = new short[8000 * 20];
        for (var i = 0; i < tone.Length; i++)
        {
            tone[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 8000));
        }

        await using var bob = await BaresipPeer.StartAsync(
            "<sip:bob@127.0.0.1>;regint=0;answermode=manual;mediaenc=srtp;audio_codecs=PCMA/8000/1", new BaresipMedia(tone, 8000), TestContext.Current.CancellationToken);
        await using var host = await StationHost.StartAsync(document =>
            document["station"]!["buttons"]![0]!["targets"] = new JsonArray(new JsonObject { ["target"] = $"sip:bob@127.0.0.1:{bob.SipPort}" }));
        var page = await chromium.NewPhonePageAsync();
        await ChromiumFixture.SetUpAsync(page, host);

        await page.Locator("#inputs tr[data-input='door']").GetByRole(AriaRole.Button, new() { Name = "Press" }).ClickAsync();
        var state = page.Locator("#call-state .badge");
        await Assertions.Expect(state).ToHaveTextAsync("ringing", Slow);
        await bob.WaitForEventAsync("CALL_INCOMING", TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        await ChromiumFixture.ScreenshotAsync(page, "14-dashboard-ringing");

        await bob.CommandAsync("accept", cancellationToken: TestContext.Current.CancellationToken);
        await Assertions.Expect(state).ToHaveTextAsync("talking", Slow);
        await Assertions.Expect(page.Locator("#call-media")).ToContainTextAsync("PCMA", new() { IgnoreCase = true });
        await Assertions.Expect(page.Locator("#call-media")).ToContainTextAsync("SRTP");
        await Assertions.Expect(page.Locator("#recent-events li[data-category='call']").First).ToContainTextAsync("talking");
        await ChromiumFixture.ScreenshotAsync(page, "15-dashboard-talking");

        // The resident keys the door code: the digits arrive live but masked, the door opens, the station hangs up.
        await bob.CommandAsync("sndcode", "1234#", TestContext.Current.CancellationToken);
        await Assertions.Expect(page.Locator("#dtmf")).ToHaveTextAsync("****#", Slow);
        await Assertions.Expect(page.Locator("#recent-events li[data-category='dtmf']").First).ToContainTextAsync("****#");
        Assert.DoesNotContain("1234", await page.Locator("#recent-events").TextContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#relays tr[data-relay='strike'] td").Nth(2)).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#call-state")).ToHaveTextAsync("Idle", Slow);

        await page.GotoAsync(new Uri(host.HttpsAddress, "#/calls").ToString());
        var call = page.Locator("#calls tr[data-call]").First;
        await Assertions.Expect(call).ToContainTextAsync($"door → sip:bob@127.0.0.1:{bob.SipPort}");
        await Assertions.Expect(call).ToContainTextAsync("SRTP");
        await Assertions.Expect(call).ToContainTextAsync("doorOpened");
        await Assertions.Expect(call).ToContainTextAsync("door opened");
        await Assertions.Expect(page.Locator("#journal tr[data-event]").First).ToContainTextAsync("doorCodeAccepted");
        await Assertions.Expect(page.Locator("#journal tr[data-event]").Nth(1)).ToContainTextAsync("buttonPressed");

        // The filter narrows to what matches: no inbound calls were made.
        await page.GetByLabel("Direction").SelectOptionAsync("inbound");
        await Assertions.Expect(page.Locator("#calls-count")).ToHaveTextAsync("No entries.");
        await page.GetByLabel("Direction").SelectOptionAsync("visitor");
        await Assertions.Expect(page.Locator("#calls-count")).ToHaveTextAsync("1–1 of 1");
        await ChromiumFixture.ScreenshotAsync(page, "16-call-log");
    }

    [Fact]
    public async Task StationPages_RenderOnAPhoneScreen_WithoutSecrets()
    {
        await using var host = await StationHost.StartAsync(document =>
        {
            document["station"]!["doorCodes"]![0]!["code"] = "90817";
            document["station"]!["doorCodes"]![1]!["code"] = "73645";
        });
        var page = await chromium.NewPhonePageAsync();
        var problems = ChromiumFixture.ConsoleErrors(page);
        await ChromiumFixture.SetUpAsync(page, host);

        foreach (var (hash, heading, name) in new[]
        {
            ("#/sip", "SIP accounts", "17-sip-accounts-empty"),
            ("#/settings/buttons", "Buttons and call plans", "18-buttons-and-call-plans"),
            ("#/settings/doorcodes", "Door codes", "19-door-codes"),
            ("#/security", "Security", "20-security-inbound"),
            ("#/calls", "Call log", "21-call-log-empty"),
            ("#/network", "Network", "22-network-ports"),
        })
        {
            await page.GotoAsync(new Uri(host.HttpsAddress, hash).ToString());
            await page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true }).WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 3_000 }).ContinueWith(_ => { }, TaskScheduler.Default);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"{hash} is {width} px wide on a 390 px screen");
            var content = await page.ContentAsync();
            Assert.DoesNotContain("90817", content, StringComparison.Ordinal);
            Assert.DoesNotContain("73645", content, StringComparison.Ordinal);
            await ChromiumFixture.ScreenshotAsync(page, name);
        }

        // The network page names the SIP port the station really bound (0 in the file: a free one).
        await page.GotoAsync(new Uri(host.HttpsAddress, "#/network").ToString());
        var port = host.Service<Intercom.Device.Hosting.StationService>().Runtime!.SipEndPoint!.Port;
        await Assertions.Expect(page.Locator("#sip-ports")).ToContainTextAsync($"udp 127.0.0.1:{port}");

        // Keyboard: the call plan form is reachable and its nested target list is labelled.
        await page.GotoAsync(new Uri(host.HttpsAddress, "#/settings/buttons").ToString());
        var target = page.Locator("[data-path='station.buttons[1].targets[1].target']");
        await Assertions.Expect(target.GetByLabel("Call", new() { Exact = true })).ToHaveValueAsync("sip:resident@127.0.0.1:15070");

        // The dashboard's test call (to one typed target) and open door buttons, by keyboard.
        await page.GotoAsync(new Uri(host.HttpsAddress, "#/dashboard").ToString());
        // Over TCP to a closed port: refused at once, so no transaction outlives the test.
        await page.GetByLabel("Or call one target").FillAsync("sip:nobody@127.0.0.1:9;transport=tcp");
        await page.Locator("#test-call").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#action-status")).ToContainTextAsync("calling sip:nobody@127.0.0.1:9");
        await Assertions.Expect(page.Locator("#recent-events li[data-category='call']").First).ToContainTextAsync("call ended");
        await page.GetByLabel("Relay", new() { Exact = true }).SelectOptionAsync("gate");
        await page.Locator("#open-door").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#action-status")).ToContainTextAsync("gate on for 5 s");
        Assert.Equal(1, host.Service<Intercom.Device.Hosting.HardwareService>().Hardware.FindRelay("gate")!.PulseCount);
        await ChromiumFixture.ScreenshotAsync(page, "23-dashboard-test-call");
        await Assertions.Expect(page.Locator("#call-state")).ToHaveTextAsync("Idle");
        Assert.Empty(problems);
    }
}
