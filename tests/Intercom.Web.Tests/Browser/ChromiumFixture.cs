using Microsoft.Playwright;

namespace Intercom.Web.Tests.Browser;

/// <summary>
/// Debian's headless Chromium driven by Playwright's own driver (shipped in the NuGet package; no browser download).
/// One browser per test class; each test gets its own context (cookies) with a phone-sized viewport.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    internal IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: artifacts/screenshots in the repository (ignored by git).</summary>
    internal static string ScreenshotDirectory { get; } = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in CI: Chromium's sandbox needs user namespaces it may not get.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            Timeout = 60_000,
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    internal async Task<IPage> NewPhonePageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 1,
            IsMobile = true,
            HasTouch = true,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>First boot: sets the administrator password on the page and waits for the dashboard.</summary>
    internal static async Task SetUpAsync(IPage page, StationHost host)
    {
        await page.GotoAsync(host.HttpsAddress.ToString());
        await page.GetByLabel("New password").FillAsync(StationHost.Password);
        await page.GetByLabel("Repeat the password").FillAsync(StationHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await page.Locator("#inputs tr[data-input='door']").WaitForAsync();
    }

    /// <summary>The errors the page's scripts log to the console from now on.</summary>
    internal static List<string> ConsoleErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error")
            {
                errors.Add(message.Text);
            }
        };
        return errors;
    }

    internal static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
